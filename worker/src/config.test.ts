/** Configuration rules that protect the deployment: bad values fail at start, naming the variable. */
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./config.ts";

const SECRET = "x".repeat(43);
const base = {
  ISSUER: "https://llave.example",
  PIN_PEPPER: SECRET,
  PASSWORD_PEPPER: SECRET,
  SUBJECT_SALT: SECRET,
  SIGNING_KEYS: '{"keys":[]}',
  SIGNING_KEY_ACTIVE: "k1",
};

describe("password settings", () => {
  it("default to OWASP's Argon2id, a year's validity, 5 failures and the NIST policy", () => {
    const { password } = parseConfig(base);
    expect(password).toMatchObject({
      argon2: { m: 19456, t: 2, p: 1 },
      validityMs: 365 * 86_400_000,
      maxFailures: 5,
      policy: "nist",
      activationCodeTtlMs: 90 * 86_400_000,
      activationCodeMaxTries: 5,
      otpLength: 6,
    });
  });

  it("need a pepper of at least 32 bytes", () => {
    expect(() => parseConfig({ ...base, PASSWORD_PEPPER: "short" })).toThrow(/PASSWORD_PEPPER/);
  });

  it("refuse concurrent hashes that together could take more than half the isolate", () => {
    const heavy = { ...base, ARGON2_MEMORY_KIB: "65536", PASSWORD_HASH_CONCURRENCY: "2" };
    expect(() => parseConfig(heavy)).toThrow(ConfigError);
    expect(() => parseConfig(heavy)).toThrow(/PASSWORD_HASH_CONCURRENCY × ARGON2_MEMORY_KIB/);
    expect(parseConfig({ ...heavy, PASSWORD_HASH_CONCURRENCY: "1" }).password.argon2.m).toBe(65536);
  });
});

describe("the binding wait of a new app device", () => {
  it("defaults to 24 hours", () => {
    expect(parseConfig(base).mobile.bindingWaitMs).toBe(24 * 3_600_000);
  });

  it("is never 0 outside dev mode: SMS possession alone never yields substantial at once", () => {
    expect(() => parseConfig({ ...base, MOBILE_BINDING_WAIT_HOURS: "0" })).toThrow(
      /MOBILE_BINDING_WAIT_HOURS/,
    );
    const dev = { ...base, MOBILE_BINDING_WAIT_HOURS: "0", DEV_MODE: "true" };
    expect(parseConfig(dev).mobile.bindingWaitMs).toBe(0);
  });
});

describe("levels of assurance", () => {
  it("have no setting for a personalised PIN: the personal code is no factor", () => {
    const { assurance } = parseConfig({ ...base, LOA_PIN_PERSONALISED: "substantial" });
    expect(Object.keys(assurance)).not.toContain("pinPersonalised");
    expect(assurance.pinSms).toBe("low");
  });
});
