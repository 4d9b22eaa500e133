import { describe, expect, it } from "vitest";
import { base64url, base64urlPortable } from "./random.ts";

/** The obvious encoding, one byte at a time, as the reference. */
const reference = (bytes: Uint8Array) =>
  btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(""))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replaceAll("=", "");

describe.each([
  ["base64url", base64url],
  ["base64urlPortable", base64urlPortable],
])("%s", (_, encode) => {
  it("encodes RFC 4648 test vectors without padding, in the URL alphabet", () => {
    const text = (s: string) => encode(new TextEncoder().encode(s));
    expect(text("")).toBe("");
    expect(text("f")).toBe("Zg");
    expect(text("fo")).toBe("Zm8");
    expect(text("foobar")).toBe("Zm9vYmFy");
    expect(encode(new Uint8Array([0xfb, 0xff, 0xbf]))).toBe("-_-_");
  });

  it("encodes inputs longer than one chunk as the byte-by-byte reference does", () => {
    const bytes = new Uint8Array(20_000).map((_, i) => (i * 7919) % 256);
    expect(encode(bytes)).toBe(reference(bytes));
  });

  it("encodes a view by its own bytes, not its whole buffer", () => {
    const bytes = new Uint8Array([1, 2, 3, 4, 5, 6]).subarray(2, 5);
    expect(encode(bytes)).toBe(reference(new Uint8Array([3, 4, 5])));
  });
});
