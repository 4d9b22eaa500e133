/**
 * Sealed secrets open with the same pepper, use and place only; anything altered, moved to
 * another place, sealed for another use or under another pepper opens to null, never throws.
 */
import { describe, expect, it } from "vitest";
import { base64url, cryptoRandom } from "./random.ts";
import { secretBox } from "./secret-box.ts";

const PEPPER = "a-pepper-of-at-least-thirty-two-bytes-for-tests";
const plain = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

/** The bytes of a sealed value (IV ‖ ciphertext ‖ tag). */
const bytesOf = (sealed: string) =>
  Uint8Array.from(atob(sealed.slice(3).replace(/-/g, "+").replace(/_/g, "/")), (c) =>
    c.charCodeAt(0),
  );

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
    expect(await secretBox(PEPPER, "llave-other", cryptoRandom).open(sealed, "row:1")).toBeNull();
    expect(
      await secretBox(`${PEPPER}x`, "llave-test", cryptoRandom).open(sealed, "row:1"),
    ).toBeNull();
    for (const junk of ["", "v1.", "v2.AAAA", "v1.!!!!", "v1.AAAAA", sealed.slice(3)]) {
      expect(await box.open(junk, "row:1")).toBeNull();
    }
  });

  // Altered in its bytes, not in its text: the last base64url character also carries padding
  // bits, and changing only those decodes to the same bytes (the flake this test replaced).
  it("opens nothing with any one bit of its IV, ciphertext or tag flipped", async () => {
    const box = secretBox(PEPPER, "llave-test", cryptoRandom);
    const sealed = await box.seal(plain, "row:1");
    const bytes = bytesOf(sealed);
    expect(`v1.${base64url(bytes)}`).toBe(sealed);
    for (let bit = 0; bit < bytes.length * 8; bit++) {
      const altered = bytes.slice();
      altered[bit >> 3] = (altered[bit >> 3] ?? 0) ^ (1 << (bit & 7));
      expect(await box.open(`v1.${base64url(altered)}`, "row:1"), `bit ${bit}`).toBeNull();
    }
  });
});
