import { describe, expect, it } from "vitest";
import {
  PASSWORD_POLICIES,
  type PasswordContext,
  type PasswordPreset,
  structuralProblems,
} from "./password-rules.ts";

const nobody: PasswordContext = { names: [], documentNumber: null };
const maria: PasswordContext = {
  names: ["María José", "Núñez", "García del Río"],
  documentNumber: "12345678Z",
};
const presets: PasswordPreset[] = ["nist", "clave"];

const problems = (password: string, preset: PasswordPreset, context = nobody) =>
  structuralProblems(password, PASSWORD_POLICIES[preset], context);

describe("password rules", () => {
  it("has the two presets, 8 to 128 code points", () => {
    expect(PASSWORD_POLICIES).toEqual({
      nist: { preset: "nist", minLength: 8, maxLength: 128 },
      clave: { preset: "clave", minLength: 8, maxLength: 128 },
    });
  });

  describe.each(presets)("%s: length", (preset) => {
    it("refuses 7 characters, accepts 8", () => {
      expect(problems("Tr3s!xz", preset)).toContain("too_short");
      expect(problems("Tr3s!xzq", preset)).not.toContain("too_short");
    });

    it("counts code points after NFKC, not UTF-16 units", () => {
      // Four emoji are eight UTF-16 units but four characters.
      expect(problems("🔑🔐🔒🔓", preset)).toContain("too_short");
      // "ﬀ" is one character typed and two after NFKC: "Caﬀè12!" reads "Caffè12!", 8.
      expect(problems("Caﬀè12!", preset)).not.toContain("too_short");
    });

    it("refuses more than 128 characters and never truncates to pass", () => {
      const base = "Una frase de paso larga, 2024! ";
      const exactly128 = base.repeat(5).slice(0, 128);
      expect(problems(exactly128, preset)).not.toContain("too_long");
      expect(problems(`${exactly128}x`, preset)).toContain("too_long");
    });
  });

  describe("clave: character groups", () => {
    it("below 16 characters, asks for 3 of upper, lower, digits and other", () => {
      expect(problems("solominusculas", "clave")).toEqual(["groups"]);
      expect(problems("Soloconmayuscula", "clave")).toEqual([]);
      expect(problems("Solomayuscula", "clave")).toEqual(["groups"]);
      expect(problems("Solomayuscula5", "clave")).toEqual([]);
      expect(problems("solo.minuscula5", "clave")).toEqual([]);
      expect(problems("12345678-90!", "clave")).toEqual(["groups"]);
    });

    it("counts letters of any script and accented capitals", () => {
      expect(problems("ÁRBOLverde12", "clave")).toEqual([]);
      expect(problems("ñandúÑANDÚ", "clave")).toEqual(["groups"]);
      expect(problems("ñandúÑANDÚ7", "clave")).toEqual([]);
    });

    it("waives the groups from 16 characters on", () => {
      expect(problems("tortilladepatata", "clave")).toEqual([]);
      expect(problems("tortilladepatat", "clave")).toEqual(["groups"]);
    });

    it("is not a nist rule", () => {
      expect(problems("solominusculas", "nist")).toEqual([]);
    });
  });

  describe.each(presets)("%s: the citizen's names", (preset) => {
    it("refuses a given name or surname anywhere, ignoring case and accents", () => {
      expect(problems("NUNEZ.2024!x", preset, maria)).toContain("contains_name");
      expect(problems("Yo soy Maria!!", preset, maria)).toContain("contains_name");
      expect(problems("xxJOSÉxx99Aa", preset, maria)).toContain("contains_name");
      expect(problems("Rio-Grande-7", preset, maria)).toContain("contains_name");
      expect(problems("g.a.r.c.i.a.1.2.A", preset, maria)).toContain("contains_name");
    });

    it("ignores short names and surname particles", () => {
      const context: PasswordContext = { names: ["Li", "del Val"], documentNumber: null };
      expect(problems("Lightning99!", preset, context)).not.toContain("contains_name");
      expect(problems("Model-7-Train", preset, context)).not.toContain("contains_name");
      expect(problems("Model-7-Valle", preset, context)).toContain("contains_name");
    });

    it("checks nothing without names", () => {
      expect(problems("Maria.Nunez.77", preset, nobody)).not.toContain("contains_name");
      expect(
        problems("Maria.Nunez.77", preset, { names: ["", " "], documentNumber: null }),
      ).toEqual([]);
    });
  });

  describe.each(presets)("%s: the citizen's document", (preset) => {
    it("refuses the document number, however it is punctuated", () => {
      expect(problems("Zz12345678z!", preset, maria)).toContain("contains_document");
      expect(problems("12.345.678-Z!", preset, maria)).toContain("contains_document");
      const nie: PasswordContext = { names: [], documentNumber: "X1234567L" };
      expect(problems("mi nie x1234567l", preset, nie)).toContain("contains_document");
    });

    it("refuses five digits in a row of it, not four", () => {
      expect(problems("Gato.45678.azul", preset, maria)).toContain("contains_document");
      expect(problems("Gato.4567.azul!", preset, maria)).not.toContain("contains_document");
      expect(problems("Gato.87654.azul", preset, maria)).not.toContain("contains_document");
    });

    it("checks nothing without a document", () => {
      expect(problems("Zz12345678z!", preset, nobody)).not.toContain("contains_document");
      const empty: PasswordContext = { names: [], documentNumber: " - " };
      expect(problems("Zz12345678z!", preset, empty)).not.toContain("contains_document");
    });
  });

  describe("nist: repetition and sequences", () => {
    it.each([
      "aaaaaaaa",
      "ÄÄÄÄÄÄÄÄÄ",
      "abcdefgh",
      "ABCDEFGHIJ",
      "12345678",
      "98765432",
      "qwertyui",
      "poiuytrew",
      "asdfghjkl",
      "zxcvbnm",
    ])("refuses %s", (password) => {
      expect(problems(password, "nist")).toContain("repetitive");
    });

    it.each([
      "correct horse battery staple",
      "mar1234ina!",
      "abcdefgh1",
      "aaaaaaab",
      "qwertyuiop1",
      "Ñandú veloz",
    ])("accepts %s", (password) => {
      expect(problems(password, "nist")).not.toContain("repetitive");
    });

    it("is not a clave rule", () => {
      expect(problems("AAAAAAAAAAAAAAAAAAAA", "clave")).toEqual([]);
    });
  });

  it("lists every reason that applies, in a fixed order", () => {
    const juan: PasswordContext = { names: ["Juan"], documentNumber: "12345678Z" };
    expect(problems("juan", "clave", juan)).toEqual(["too_short", "groups", "contains_name"]);
    expect(problems("juan12345", "nist", juan)).toEqual(["contains_name", "contains_document"]);
    expect(problems("1111", "nist", nobody)).toEqual(["too_short", "repetitive"]);
  });

  it("lets a plain passphrase through under nist", () => {
    expect(problems("correct horse battery staple", "nist", maria)).toEqual([]);
  });
});
