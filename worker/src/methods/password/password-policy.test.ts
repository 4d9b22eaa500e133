import { describe, expect, it } from "vitest";
import { COMMON_PASSWORDS } from "./common-passwords.ts";
import { passwordProblems, policyFrom } from "./password-policy.ts";
import { PASSWORD_POLICIES, type PasswordContext, type PasswordPreset } from "./password-rules.ts";

const nobody: PasswordContext = { names: [], documentNumber: null };
const presets: PasswordPreset[] = ["nist", "clave"];

const problems = (password: string, preset: PasswordPreset, context = nobody) =>
  passwordProblems(password, policyFrom(preset), context);

describe("password policy", () => {
  it("maps each preset to its policy", () => {
    expect(policyFrom("nist")).toEqual(PASSWORD_POLICIES.nist);
    expect(policyFrom("clave")).toEqual(PASSWORD_POLICIES.clave);
  });

  it("accepts correct horse battery staple under nist", () => {
    expect(problems("correct horse battery staple", "nist")).toEqual([]);
  });

  describe.each(presets)("%s: common passwords", (preset) => {
    it("refuses Barcelona2024, and the word under other decorations", () => {
      expect(problems("Barcelona2024", preset)).toEqual(["common"]);
      expect(problems("barcelona2024!", preset)).toContain("common");
      expect(problems("BARCELONA 1899 !!", preset)).toContain("common");
    });

    it.each([
      "contraseña",
      "Contraseña1",
      "contrasen\u0303a", // decomposed ñ: NFKC composes it before the look-up
      "123456789",
      "qwertyuiop",
      "Password1",
      "PASSWORD!",
      "madrid123",
      "RealMadrid",
      "iloveyou",
      "Juventus10",
      "bucuresti",
      "contrasenya",
      "pasahitza",
      "contrasinal",
      "ciaociao",
      "teiubesc",
    ])("refuses %s", (password) => {
      expect(problems(password, preset)).toContain("common");
    });

    it.each([
      "correct horse battery staple",
      "Tortilla de patatas 2024",
      "Xq7#barcelona",
      "Mi perro se llama Trufa",
    ])("does not call %s common", (password) => {
      expect(problems(password, preset)).not.toContain("common");
    });
  });

  it("adds `common` after the structural reasons", () => {
    const context: PasswordContext = { names: ["Barcelona"], documentNumber: null };
    expect(problems("barcelona", "clave", context)).toEqual(["groups", "contains_name", "common"]);
    expect(problems("12345678", "nist")).toEqual(["repetitive", "common"]);
    expect(problems("password", "nist")).toEqual(["common"]);
  });

  it("stays linear on a long run of trailing digits", () => {
    const long = `${"7".repeat(200_000)}x`;
    expect(problems(long, "nist")).toEqual(["too_long"]);
  });

  describe("the shipped list", () => {
    const entries = [...COMMON_PASSWORDS];

    it("holds 1,000 to 2,000 passwords", () => {
      expect(entries.length).toBeGreaterThanOrEqual(1000);
      expect(entries.length).toBeLessThanOrEqual(2000);
    });

    it("holds only what the look-up can match: NFKC, lower case, 8+ characters, no spaces", () => {
      for (const entry of entries) {
        expect(entry, entry).toBe(entry.normalize("NFKC").toLowerCase());
        expect([...entry].length, entry).toBeGreaterThanOrEqual(8);
        expect(entry, entry).not.toMatch(/\s/);
      }
    });
  });
});
