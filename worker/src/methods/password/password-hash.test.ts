import { describe, expect, it } from "vitest";
import { cryptoRandom, type Random } from "../../crypto/random.ts";
import {
  type Argon2Params,
  dummyHash,
  hashPassword,
  normalisePassword,
  OWASP_ARGON2,
  parsePhc,
  verifyPassword,
} from "./password-hash.ts";

/** Small costs keep these tests fast; one test below uses the real OWASP ones. */
const FAST: Argon2Params = { m: 256, t: 1, p: 1 };
const encoder = new TextEncoder();
const pepper = encoder.encode("pepper-of-at-least-16-bytes");
const otherPepper = encoder.encode("another-pepper-of-16-bytes+");
const sevens: Random = { bytes: (n) => new Uint8Array(n).fill(7) };

/**
 * Made by Node's OpenSSL Argon2id (`crypto.argon2Sync`) with `secret` = `pepper`, salt
 * "llave-test-salt!", password "contraseña segura": an independent implementation agrees on
 * the algorithm, the pepper's role and the PHC encoding.
 */
const OPENSSL = {
  fast: "$argon2id$v=19$m=256,t=1,p=1$bGxhdmUtdGVzdC1zYWx0IQ$BcxQU4UwpIbRJ7L5nSq2wR/hEqZ7x9ssVHPNZVtEfIk",
  owasp:
    "$argon2id$v=19$m=19456,t=2,p=1$bGxhdmUtdGVzdC1zYWx0IQ$ik2iGP2k/6460RHGGbsEneZcTbWs7jJ01Q3+rsQMRc8",
  password: "contraseña segura",
};

const PHC_SHAPE = /^\$argon2id\$v=19\$m=256,t=1,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/;

describe("password hash", () => {
  it("verifies the password it hashed, and nothing asks for a rehash", async () => {
    const stored = await hashPassword("correct horse battery staple", pepper, FAST, cryptoRandom);
    expect(await verifyPassword(stored, "correct horse battery staple", pepper, FAST)).toEqual({
      ok: true,
      rehash: false,
    });
  });

  it("refuses a wrong password", async () => {
    const stored = await hashPassword("correct horse battery staple", pepper, FAST, cryptoRandom);
    expect(await verifyPassword(stored, "correct horse battery stapler", pepper, FAST)).toEqual({
      ok: false,
      rehash: false,
    });
  });

  it("depends on the pepper: the same row under another pepper does not verify", async () => {
    const stored = await hashPassword("correct horse battery staple", pepper, FAST, cryptoRandom);
    const result = await verifyPassword(stored, "correct horse battery staple", otherPepper, FAST);
    expect(result.ok).toBe(false);
  });

  it("refuses a pepper too short to be a secret", async () => {
    await expect(
      hashPassword("correct horse battery staple", new Uint8Array(8), FAST, cryptoRandom),
    ).rejects.toThrow(RangeError);
  });

  it("refuses costs it could not read back", async () => {
    for (const params of [
      { m: 65537, t: 1, p: 1 },
      { m: 256, t: 0, p: 1 },
      { m: 16, t: 1, p: 4 },
    ]) {
      await expect(hashPassword("correct horse", pepper, params, cryptoRandom)).rejects.toThrow(
        RangeError,
      );
    }
  });

  it("salts every hash afresh", async () => {
    const a = await hashPassword("correct horse battery staple", pepper, FAST, cryptoRandom);
    const b = await hashPassword("correct horse battery staple", pepper, FAST, cryptoRandom);
    expect(a).not.toBe(b);
  });

  it("writes a PHC string that parses back to its costs, salt and 32-byte hash", async () => {
    const stored = await hashPassword("correct horse battery staple", pepper, FAST, sevens);
    expect(stored).toMatch(PHC_SHAPE);
    const parsed = parsePhc(stored);
    expect(parsed?.params).toEqual(FAST);
    expect(parsed?.salt).toEqual(new Uint8Array(16).fill(7));
    expect(parsed?.hash).toHaveLength(32);
  });

  it("agrees with OpenSSL's Argon2id keyed with the pepper", async () => {
    expect(await verifyPassword(OPENSSL.fast, OPENSSL.password, pepper, FAST)).toEqual({
      ok: true,
      rehash: false,
    });
    expect((await verifyPassword(OPENSSL.fast, OPENSSL.password, otherPepper, FAST)).ok).toBe(
      false,
    );
  });

  it("hashes and verifies with the real OWASP costs", { timeout: 60_000 }, async () => {
    const stored = await hashPassword(OPENSSL.password, pepper, OWASP_ARGON2, cryptoRandom);
    expect(stored.startsWith("$argon2id$v=19$m=19456,t=2,p=1$")).toBe(true);
    expect(await verifyPassword(OPENSSL.owasp, OPENSSL.password, pepper, OWASP_ARGON2)).toEqual({
      ok: true,
      rehash: false,
    });
  });

  describe("rehash", () => {
    it("asks for one when the right password was hashed under other costs", async () => {
      const stored = await hashPassword("correct horse battery staple", pepper, FAST, cryptoRandom);
      const current = { m: 512, t: 1, p: 1 };
      expect(await verifyPassword(stored, "correct horse battery staple", pepper, current)).toEqual(
        { ok: true, rehash: true },
      );
      expect(
        await verifyPassword(stored, "correct horse battery staple", pepper, { ...FAST, t: 2 }),
      ).toEqual({ ok: true, rehash: true });
    });

    it("never for a wrong password, whatever the costs", async () => {
      const stored = await hashPassword("correct horse battery staple", pepper, FAST, cryptoRandom);
      expect(await verifyPassword(stored, "wrong", pepper, OWASP_ARGON2)).toEqual({
        ok: false,
        rehash: false,
      });
    });
  });

  describe("normalisation", () => {
    it("does not truncate: a change in the 100th character is a different password", async () => {
      const long = "x".repeat(99);
      const stored = await hashPassword(`${long}a`, pepper, FAST, cryptoRandom);
      expect((await verifyPassword(stored, `${long}a`, pepper, FAST)).ok).toBe(true);
      expect((await verifyPassword(stored, `${long}b`, pepper, FAST)).ok).toBe(false);
      expect((await verifyPassword(stored, long, pepper, FAST)).ok).toBe(false);
    });

    it("applies NFKC: the ﬁ ligature is fi, a decomposed ñ is ñ", async () => {
      const ligature = await hashPassword("ﬁesta en la playa", pepper, FAST, cryptoRandom);
      expect((await verifyPassword(ligature, "fiesta en la playa", pepper, FAST)).ok).toBe(true);
      const composed = await hashPassword("contrase\u00f1a segura", pepper, FAST, cryptoRandom);
      const decomposed = "contrasen\u0303a segura";
      expect((await verifyPassword(composed, decomposed, pepper, FAST)).ok).toBe(true);
    });

    it("applies nothing else: spaces and case count", async () => {
      expect(normalisePassword("  Secreto  ")).toBe("  Secreto  ");
      const stored = await hashPassword(" Secreto de estado ", pepper, FAST, cryptoRandom);
      expect((await verifyPassword(stored, "Secreto de estado", pepper, FAST)).ok).toBe(false);
      expect((await verifyPassword(stored, " secreto de estado ", pepper, FAST)).ok).toBe(false);
    });
  });

  describe("malformed stored strings", () => {
    const salt = "bGxhdmUtdGVzdC1zYWx0IQ";
    const hash = "BcxQU4UwpIbRJ7L5nSq2wR/hEqZ7x9ssVHPNZVtEfIk";
    const malformed: Array<[string, string]> = [
      ["empty", ""],
      ["argon2i", `$argon2i$v=19$m=256,t=1,p=1$${salt}$${hash}`],
      ["argon2d", `$argon2d$v=19$m=256,t=1,p=1$${salt}$${hash}`],
      ["bcrypt", "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW"],
      ["old version", `$argon2id$v=16$m=256,t=1,p=1$${salt}$${hash}`],
      ["no version", `$argon2id$m=256,t=1,p=1$${salt}$${hash}`],
      ["costs out of order", `$argon2id$v=19$t=1,m=256,p=1$${salt}$${hash}`],
      ["leading zero", `$argon2id$v=19$m=0256,t=1,p=1$${salt}$${hash}`],
      ["extra parameter", `$argon2id$v=19$m=256,t=1,p=1,keyid=k$${salt}$${hash}`],
      ["memory of 1 GiB", `$argon2id$v=19$m=1048576,t=1,p=1$${salt}$${hash}`],
      ["memory over 64 MiB", `$argon2id$v=19$m=65537,t=1,p=1$${salt}$${hash}`],
      ["memory under 8 KiB a lane", `$argon2id$v=19$m=16,t=1,p=4$${salt}$${hash}`],
      ["no passes", `$argon2id$v=19$m=256,t=0,p=1$${salt}$${hash}`],
      ["11 passes", `$argon2id$v=19$m=256,t=11,p=1$${salt}$${hash}`],
      ["5 lanes", `$argon2id$v=19$m=256,t=1,p=5$${salt}$${hash}`],
      ["padded base64", `$argon2id$v=19$m=256,t=1,p=1$${salt}==$${hash}`],
      ["base64url", `$argon2id$v=19$m=256,t=1,p=1$${salt}$${hash.replace("/", "_")}`],
      ["non-canonical base64", `$argon2id$v=19$m=256,t=1,p=1$${salt.slice(0, -1)}R$${hash}`],
      ["4-byte salt", `$argon2id$v=19$m=256,t=1,p=1$c2FsdA$${hash}`],
      ["8-byte hash", `$argon2id$v=19$m=256,t=1,p=1$${salt}$aGFzaGhhc2g`],
      ["missing hash", `$argon2id$v=19$m=256,t=1,p=1$${salt}`],
      ["extra field", `$argon2id$v=19$m=256,t=1,p=1$${salt}$${hash}$x`],
      ["trailing newline", `$argon2id$v=19$m=256,t=1,p=1$${salt}$${hash}\n`],
    ];

    it.each(malformed)("%s does not parse and verifies nothing", async (_, stored) => {
      expect(parsePhc(stored)).toBeNull();
      expect(await verifyPassword(stored, OPENSSL.password, pepper, FAST)).toEqual({
        ok: false,
        rehash: false,
      });
    });

    it("the well-formed original does parse, so each case above fails for its own reason", () => {
      expect(parsePhc(`$argon2id$v=19$m=256,t=1,p=1$${salt}$${hash}`)).not.toBeNull();
    });
  });

  describe("dummy hash", () => {
    it("is a well-formed row with the given costs, so verifying against it does the same work", () => {
      expect(parsePhc(dummyHash(OWASP_ARGON2))?.params).toEqual(OWASP_ARGON2);
      expect(parsePhc(dummyHash(FAST))?.params).toEqual(FAST);
    });

    it("matches no password", async () => {
      for (const password of ["", "password", OPENSSL.password]) {
        expect(await verifyPassword(dummyHash(FAST), password, pepper, FAST)).toEqual({
          ok: false,
          rehash: false,
        });
      }
    });
  });
});
