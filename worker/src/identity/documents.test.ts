/**
 * Tests for document-number parsing (and properties across both parsers). Expected control characters were worked
 * out by hand from the official tables, not taken from the implementation under test.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CONTRAST_ERROR_CODES, type ContrastResult, parseContrastDatum } from "./contrast-datum.ts";
import {
  DOCUMENT_ERROR_CODES,
  type DocumentResult,
  documentLabel,
  MAX_INPUT_LENGTH,
  makeCodiceFiscale,
  makeDni,
  makeNie,
  parseDocument,
} from "./documents.ts";

const errorCode = (result: DocumentResult | ContrastResult): string | undefined =>
  result.ok ? undefined : result.error.code;

const errorMessage = (result: DocumentResult | ContrastResult): string | undefined =>
  result.ok ? undefined : result.error.message;

describe("parseDocument: DNI", () => {
  it.each([
    ["12345678Z", "12345678Z"],
    ["00000000T", "00000000T"],
    ["12345678z", "12345678Z"],
    ["12.345.678-z", "12345678Z"],
    [" 12 345 678 Z ", "12345678Z"],
    ["12345678\u2013Z", "12345678Z"],
    ["12345678\u200bZ", "12345678Z"],
    ["99999999R", "99999999R"],
  ])("accepts %j as %s", (input, number) => {
    expect(parseDocument(input)).toEqual({ ok: true, document: { type: "DNI", number } });
  });

  it("rejects a wrong control letter without revealing the right one", () => {
    const result = parseDocument("12345678T");
    expect(result).toEqual({
      ok: false,
      error: {
        code: "dni_control_letter",
        message: "The DNI control letter does not match the number",
      },
    });
  });

  it("requires exactly 8 digits", () => {
    const result = parseDocument("1234567L");
    expect(errorCode(result)).toBe("dni_format");
    expect(errorMessage(result)).toBe(
      "A DNI has 8 digits followed by a letter, but this one has 7 digits",
    );
    expect(errorCode(parseDocument("123456789Z"))).toBe("dni_format");
  });

  it("says when the control letter is missing", () => {
    expect(errorMessage(parseDocument("12345678"))).toBe(
      "The DNI control letter is missing: a DNI has 8 digits followed by a letter",
    );
  });

  it("rejects letters in the middle", () => {
    expect(errorMessage(parseDocument("1234A678Z"))).toBe(
      "A DNI has 8 digits followed by a letter",
    );
  });
});

describe("parseDocument: NIE", () => {
  it.each([
    ["X1234567L", "X1234567L"],
    ["x-1234567-l", "X1234567L"],
    ["Y1234567X", "Y1234567X"],
    ["Z1234567R", "Z1234567R"],
    ["X0000000T", "X0000000T"],
  ])("accepts %j as %s", (input, number) => {
    expect(parseDocument(input)).toEqual({ ok: true, document: { type: "NIE", number } });
  });

  it("rejects a wrong control letter", () => {
    expect(parseDocument("X1234567T")).toEqual({
      ok: false,
      error: {
        code: "nie_control_letter",
        message: "The NIE control letter does not match the number",
      },
    });
    // Same digits, different prefix: the prefix takes part in the calculation.
    expect(errorCode(parseDocument("Y1234567L"))).toBe("nie_control_letter");
  });

  it("requires exactly 7 digits", () => {
    expect(errorMessage(parseDocument("X12345678L"))).toBe(
      "An NIE has a letter X, Y or Z, then 7 digits and a control letter, but this one has 8 digits",
    );
    expect(errorMessage(parseDocument("X1234567"))).toBe(
      "The NIE control letter is missing: an NIE has a letter X, Y or Z, then 7 digits and a control letter",
    );
  });
});

describe("parseDocument: codice fiscale", () => {
  it.each([
    // The textbook example (Mario Rossi, born 10 December 1985 in Rome).
    ["RSSMRA85T10A562S", "RSSMRA85T10A562S"],
    ["rssmra 85t10 a562s", "RSSMRA85T10A562S"],
    // Omocodia: the last digit 2 becomes N, then the 6 before it becomes S.
    ["RSSMRA85T10A56NH", "RSSMRA85T10A56NH"],
    ["RSSMRA85T10A5SNT", "RSSMRA85T10A5SNT"],
  ])("accepts %j", (input, number) => {
    expect(parseDocument(input)).toEqual({ ok: true, document: { type: "CF", number } });
  });

  it("accepts a woman's day of birth (day + 40)", () => {
    const cf = makeCodiceFiscale("RSSMRA85T50A562");
    expect(parseDocument(cf).ok).toBe(true);
  });

  it("reads an omocodic day of birth before checking it", () => {
    // "ML" is 10 once the omocodic letters are turned back into digits.
    expect(parseDocument(makeCodiceFiscale("RSSMRA85TMLA562")).ok).toBe(true);
    // "PM" is 31; "QL" is 40, which is no day at all.
    expect(parseDocument(makeCodiceFiscale("RSSMRA85TPMA562")).ok).toBe(true);
    expect(errorCode(parseDocument(makeCodiceFiscale("RSSMRA85TQLA562")))).toBe("cf_invalid_date");
  });

  it("rejects a wrong control character", () => {
    expect(parseDocument("RSSMRA85T10A562T")).toEqual({
      ok: false,
      error: {
        code: "cf_control_character",
        message: "The codice fiscale control character does not match the rest of the code",
      },
    });
    expect(errorCode(parseDocument("RSSMRA85T10A56NS"))).toBe("cf_control_character");
  });

  it("rejects an invalid month letter", () => {
    const result = parseDocument(makeCodiceFiscale("RSSMRA85F10A562"));
    expect(errorCode(result)).toBe("cf_invalid_date");
    expect(errorMessage(result)).toBe("The birth month letter in the codice fiscale is not valid");
  });

  it.each(["00", "32", "40", "72", "99"])("rejects day %s", (day) => {
    const result = parseDocument(makeCodiceFiscale(`RSSMRA85T${day}A562`));
    expect(errorCode(result)).toBe("cf_invalid_date");
    expect(errorMessage(result)).toBe("The birth day in the codice fiscale is not valid");
  });

  it("rejects the wrong length and layout", () => {
    expect(errorMessage(parseDocument("RSSMRA85T10A562"))).toBe(
      "A codice fiscale has 16 letters and digits, but this one has 15",
    );
    // A letter that is not an omocodic substitute (A) where a digit belongs.
    expect(errorCode(parseDocument("RSSMRAA5T10A562S"))).toBe("cf_format");
    expect(errorCode(parseDocument("RSSMR185T10A562S"))).toBe("cf_format");
  });
});

describe("parseDocument: input handling", () => {
  it("rejects empty input", () => {
    expect(errorCode(parseDocument(""))).toBe("empty");
    expect(errorCode(parseDocument(" - . "))).toBe("empty");
  });

  it("rejects input over the length limit before normalising", () => {
    expect(errorCode(parseDocument(`${" ".repeat(MAX_INPUT_LENGTH)}12345678Z`))).toBe("too_long");
    expect(parseDocument(`${" ".repeat(MAX_INPUT_LENGTH - 9)}12345678Z`).ok).toBe(true);
  });

  it("normalises full-width characters under NFKC", () => {
    expect(parseDocument("\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff3a")).toEqual({
      ok: true,
      document: { type: "DNI", number: "12345678Z" },
    });
  });

  it("rejects emoji and other symbols", () => {
    const result = parseDocument("12345678Z\u{1f600}");
    expect(errorCode(result)).toBe("invalid_characters");
    expect(errorMessage(result)).toBe("A document number contains only letters and digits");
    expect(errorCode(parseDocument("1234567\u{1f600}Z"))).toBe("invalid_characters");
  });

  it("rejects non-Latin look-alikes that upper-case to ASCII", () => {
    // Dotless i (U+0131) upper-cases to I.
    expect(errorCode(parseDocument("RSSMRA85T10A562S".replace("A", "\u0131")))).toBe(
      "invalid_characters",
    );
  });

  it("explains the accepted formats when none fits", () => {
    expect(errorMessage(parseDocument("B12345678"))).toBe(
      "Enter a DNI (8 digits and a letter), an NIE (X, Y or Z, 7 digits and a letter) or a codice fiscale (16 letters and digits)",
    );
    expect(errorCode(parseDocument("X"))).toBe("unrecognised_format");
  });

  it("labels document types", () => {
    expect(documentLabel("DNI")).toBe("DNI");
    expect(documentLabel("NIE")).toBe("NIE");
    expect(documentLabel("CF")).toBe("codice fiscale");
  });
});

describe("generators", () => {
  it("builds known documents", () => {
    expect(makeDni(12345678)).toBe("12345678Z");
    expect(makeDni(0)).toBe("00000000T");
    expect(makeNie("X", 1234567)).toBe("X1234567L");
    expect(makeNie("Y", 1234567)).toBe("Y1234567X");
    expect(makeNie("Z", 1234567)).toBe("Z1234567R");
    expect(makeCodiceFiscale("RSSMRA85T10A562")).toBe("RSSMRA85T10A562S");
  });

  it("refuses arguments they cannot turn into a document", () => {
    expect(() => makeDni(100_000_000)).toThrow(RangeError);
    expect(() => makeDni(-1)).toThrow(RangeError);
    expect(() => makeDni(1.5)).toThrow(RangeError);
    expect(() => makeNie("X", 10_000_000)).toThrow(RangeError);
    expect(() => makeNie("XY" as "X", 1)).toThrow(RangeError);
    expect(() => makeCodiceFiscale("RSSMRA85T10A56")).toThrow(RangeError);
    expect(() => makeCodiceFiscale("rssmra85t10a562")).toThrow(RangeError);
  });
});

describe("properties", () => {
  const documentCodes: readonly string[] = DOCUMENT_ERROR_CODES;
  const contrastCodes: readonly string[] = CONTRAST_ERROR_CODES;

  it("accepts and round-trips every generated DNI", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999 }), (n) => {
        const dni = makeDni(n);
        expect(parseDocument(dni)).toEqual({ ok: true, document: { type: "DNI", number: dni } });
        expect(parseDocument(dni.toLowerCase())).toEqual(parseDocument(dni));
      }),
    );
  });

  it("rejects every other control letter for a DNI", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 99_999_999 }),
        fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
        (n, letter) => {
          const dni = makeDni(n);
          fc.pre(dni.charAt(8) !== letter);
          expect(errorCode(parseDocument(dni.slice(0, 8) + letter))).toBe("dni_control_letter");
        },
      ),
    );
  });

  it("accepts and round-trips every generated NIE", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("X" as const, "Y" as const, "Z" as const),
        fc.integer({ min: 0, max: 9_999_999 }),
        (prefix, n) => {
          const nie = makeNie(prefix, n);
          expect(parseDocument(nie)).toEqual({ ok: true, document: { type: "NIE", number: nie } });
        },
      ),
    );
  });

  it("accepts every generated codice fiscale and catches any single changed character", () => {
    const letter = fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZ");
    const digitOrOmocode = fc.constantFrom(..."0123456789LMNPQRSTUV");
    const body = fc
      .tuple(
        fc.array(letter, { minLength: 6, maxLength: 6 }),
        fc.array(digitOrOmocode, { minLength: 2, maxLength: 2 }),
        fc.constantFrom(..."ABCDEHLMPRST"),
        fc.constantFrom(..."0123"),
        fc.constantFrom(..."0123456789"),
        letter,
        fc.array(digitOrOmocode, { minLength: 3, maxLength: 3 }),
      )
      .filter(([, , , tens, units]) => tens + units !== "00" && Number(tens + units) <= 31)
      .map(([name, year, month, tens, units, place, code]) =>
        [...name, ...year, month, tens, units, place, ...code].join(""),
      );
    fc.assert(
      fc.property(
        body,
        fc.integer({ min: 0, max: 15 }),
        fc.constantFrom(..."0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
        (base, position, replacement) => {
          const cf = makeCodiceFiscale(base);
          expect(parseDocument(cf)).toEqual({ ok: true, document: { type: "CF", number: cf } });
          fc.pre(cf.charAt(position) !== replacement);
          const changed = cf.slice(0, position) + replacement + cf.slice(position + 1);
          expect(parseDocument(changed).ok).toBe(false);
        },
      ),
    );
  });

  it("never throws on any string and only returns known error codes", () => {
    const documentish = fc.string({
      unit: fc.constantFrom(..."0123456789XYZLRSTABCEH xyz-./\uff11\u0131\u{1f600}"),
      maxLength: 24,
    });
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary", maxLength: 80 }), documentish), (input) => {
        const result = parseDocument(input);
        if (!result.ok) expect(documentCodes).toContain(result.error.code);
        else expect(result.document.number).toMatch(/^[0-9A-Z]{9}$|^[0-9A-Z]{16}$/);
      }),
      { numRuns: 1000 },
    );
  });

  it("never throws on any contrast datum and only returns known error codes", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("DNI" as const, "NIE" as const, "CF" as const),
        fc.string({ unit: "binary", maxLength: 80 }),
        (type, value) => {
          const result = parseContrastDatum(type, { value });
          if (!result.ok) expect(contrastCodes).toContain(result.error.code);
        },
      ),
    );
  });
});
