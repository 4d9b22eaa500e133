/**
 * Sealed secrets open with the same pepper, use and place only; anything altered, moved to
 * another place, sealed for another use or under another pepper opens to null, never throws.
 */
import { describe, expect, it } from "vitest";
import { cryptoRandom } from "./random.ts";
import { secretBox } from "./secret-box.ts";

const PEPPER = "a-pepper-of-at-least-thirty-two-bytes-for-tests";
const plain = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

describe("secretBox", () => {
  it("seals with a fresh IV each time and opens what it sealed", async () => {
    const box = secretBox(PEPPER, "llave-test", cryptoRandom);
    const a = await box.seal(plain, "row:1");
    const b = await box.seal(plain, "row:1");
    expect(a).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    expect(await box.open(a, "row:1")).toEqual(plain);
    expect(await box.open(b, "row:1")).toEqual(plain);
  });

  it("opens nothing moved, altered, for another use or under another pepper", async () => {
    const box = secretBox(PEPPER, "llave-test", cryptoRandom);
    const sealed = await box.seal(plain, "row:1");
    expect(await box.open(sealed, "row:2")).toBeNull();
    const last = sealed.at(-1) === "A" ? "B" : "A";
    expect(await box.open(sealed.slice(0, -1) + last, "row:1")).toBeNull();
    expect(await secretBox(PEPPER, "llave-other", cryptoRandom).open(sealed, "row:1")).toBeNull();
    expect(
      await secretBox(`${PEPPER}x`, "llave-test", cryptoRandom).open(sealed, "row:1"),
    ).toBeNull();
    for (const junk of ["", "v1.", "v2.AAAA", "v1.!!!!", "v1.AAAAA", sealed.slice(3)]) {
      expect(await box.open(junk, "row:1")).toBeNull();
    }
  });
});
