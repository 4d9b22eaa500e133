/** Unit tests for contrast data: formats, kinds per document type, constant-time comparison. */
import { describe, expect, it } from "vitest";
import {
  type ContrastResult,
  contrastKindsFor,
  parseContrastDatum,
  sameContrastDatum,
} from "./contrast-datum.ts";

const errorCode = (result: ContrastResult): string | undefined =>
  result.ok ? undefined : result.error.code;

const errorMessage = (result: ContrastResult): string | undefined =>
  result.ok ? undefined : result.error.message;

describe("parseContrastDatum", () => {
  it("lists the kinds per document type, default first", () => {
    expect(contrastKindsFor("DNI")).toEqual(["dni_validity", "dni_issue"]);
    expect(contrastKindsFor("NIE")).toEqual(["nie_support"]);
    expect(contrastKindsFor("CF")).toEqual(["cf_card_expiry"]);
  });

  it.each([
    ["2031-05-17", "2031-05-17"],
    ["17/05/2031", "2031-05-17"],
    ["17-05-2031", "2031-05-17"],
    ["7/5/2031", "2031-05-07"],
    [" 2031-05-17 ", "2031-05-17"],
    ["\uff11\uff17\uff0f\uff10\uff15\uff0f\uff12\uff10\uff13\uff11", "2031-05-17"],
    ["2024-02-29", "2024-02-29"],
    ["2000-02-29", "2000-02-29"],
    ["1900-01-01", "1900-01-01"],
    ["2200-12-31", "2200-12-31"],
  ])("normalises the DNI validity date %j to %s", (value, normalised) => {
    expect(parseContrastDatum("DNI", { value })).toEqual({
      ok: true,
      datum: { kind: "dni_validity", value: normalised },
    });
  });

  it("takes a permanent DNI's issue date", () => {
    expect(parseContrastDatum("DNI", { kind: "dni_issue", value: "03/11/2019" })).toEqual({
      ok: true,
      datum: { kind: "dni_issue", value: "2019-11-03" },
    });
  });

  it("points a permanent DNI to its issue date", () => {
    const result = parseContrastDatum("DNI", { value: "Permanente" });
    expect(errorCode(result)).toBe("dni_permanent");
    expect(errorMessage(result)).toBe(
      'A permanent DNI has no expiry date: give its issue date instead, as "dni_issue"',
    );
  });

  it("takes the health card expiry date for a codice fiscale", () => {
    expect(parseContrastDatum("CF", { value: "31-12-2029" })).toEqual({
      ok: true,
      datum: { kind: "cf_card_expiry", value: "2029-12-31" },
    });
  });

  it("rejects dates that do not exist", () => {
    const feb30 = parseContrastDatum("DNI", { value: "2023-02-30" });
    expect(errorCode(feb30)).toBe("invalid_date");
    expect(errorMessage(feb30)).toBe(
      "The day of the DNI validity date must be between 1 and 28 for February 2023",
    );
    expect(errorCode(parseContrastDatum("DNI", { value: "29/02/1900" }))).toBe("invalid_date");
    expect(errorCode(parseContrastDatum("DNI", { value: "31/04/2030" }))).toBe("invalid_date");
    expect(errorCode(parseContrastDatum("DNI", { value: "00/04/2030" }))).toBe("invalid_date");
    const month13 = parseContrastDatum("CF", { value: "2030-13-01" });
    expect(errorCode(month13)).toBe("invalid_date");
    expect(errorMessage(month13)).toBe(
      "The month of the health card expiry date must be between 1 and 12",
    );
  });

  it("rejects years outside 1900-2200", () => {
    const result = parseContrastDatum("DNI", { value: "1899-12-31" });
    expect(errorCode(result)).toBe("date_out_of_range");
    expect(errorMessage(result)).toBe(
      "The year of the DNI validity date must be between 1900 and 2200",
    );
    expect(errorCode(parseContrastDatum("CF", { value: "01/01/2201" }))).toBe("date_out_of_range");
  });

  it.each(["2031/05/17", "17.05.2031", "17/05-2031", "17/05/31", "2031-5-17", "tomorrow"])(
    "rejects the date format %j",
    (value) => {
      const result = parseContrastDatum("DNI", { value });
      expect(errorCode(result)).toBe("date_format");
      expect(errorMessage(result)).toBe(
        "Write the DNI validity date as YYYY-MM-DD or DD/MM/YYYY (for example 2031-05-17 or 17/05/2031)",
      );
    },
  );

  it.each([
    ["E12345678", "E12345678"],
    ["c12345678", "C12345678"],
    ["e 1234 5678", "E12345678"],
    ["E-12.345.678", "E12345678"],
  ])("normalises the NIE support number %j to %s", (value, normalised) => {
    expect(parseContrastDatum("NIE", { value })).toEqual({
      ok: true,
      datum: { kind: "nie_support", value: normalised },
    });
    expect(parseContrastDatum("NIE", { kind: "nie_support", value }).ok).toBe(true);
  });

  it.each(["A12345678", "E1234567", "E123456789", "12345678", "EE2345678"])(
    "rejects the NIE support number %j",
    (value) => {
      const result = parseContrastDatum("NIE", { value });
      expect(errorCode(result)).toBe("nie_support_format");
      expect(errorMessage(result)).toBe(
        "The NIE support number is the letter E or C followed by 8 digits (for example E12345678)",
      );
    },
  );

  it("rejects a kind that does not fit the document type", () => {
    const result = parseContrastDatum("NIE", { kind: "dni_validity", value: "2031-05-17" });
    expect(errorCode(result)).toBe("kind_mismatch");
    expect(errorMessage(result)).toBe(
      'A DNI validity date ("dni_validity") cannot be given with an NIE: use "nie_support"',
    );
    expect(errorMessage(parseContrastDatum("DNI", { kind: "cf_card_expiry", value: "x" }))).toBe(
      'A health card expiry date ("cf_card_expiry") cannot be given with a DNI: use "dni_validity" or "dni_issue"',
    );
    expect(errorCode(parseContrastDatum("CF", { kind: "nie_support", value: "E12345678" }))).toBe(
      "kind_mismatch",
    );
  });

  it("rejects kinds and document types it does not know", () => {
    const kind = parseContrastDatum("DNI", { kind: "passport" as "dni_issue", value: "x" });
    expect(errorCode(kind)).toBe("unknown_kind");
    expect(errorMessage(kind)).toBe(
      'The contrast datum kind is not recognised: for a DNI use "dni_validity" or "dni_issue"',
    );
    expect(errorCode(parseContrastDatum("toString" as "DNI", { value: "x" }))).toBe(
      "unknown_document_type",
    );
  });

  it("rejects empty and over-long values", () => {
    const empty = parseContrastDatum("CF", { value: "  " });
    expect(errorCode(empty)).toBe("empty");
    expect(errorMessage(empty)).toBe("Enter the health card expiry date");
    expect(errorCode(parseContrastDatum("NIE", { value: "E".repeat(65) }))).toBe("too_long");
  });
});

describe("sameContrastDatum", () => {
  const datum = { kind: "dni_validity", value: "2031-05-17" } as const;

  it("is true only when kind and value both match", () => {
    expect(sameContrastDatum(datum, { kind: "dni_validity", value: "2031-05-17" })).toBe(true);
    expect(sameContrastDatum(datum, { kind: "dni_issue", value: "2031-05-17" })).toBe(false);
    expect(sameContrastDatum(datum, { kind: "dni_validity", value: "2031-05-18" })).toBe(false);
    expect(sameContrastDatum(datum, { kind: "dni_validity", value: "2031-05-1" })).toBe(false);
    expect(sameContrastDatum(datum, { kind: "dni_validity", value: "2031-05-170" })).toBe(false);
    expect(sameContrastDatum(datum, { kind: "dni_validity", value: "" })).toBe(false);
  });

  it("compares bytes, not UTF-16 units", () => {
    expect(
      sameContrastDatum({ kind: "nie_support", value: "é" }, { kind: "nie_support", value: "é" }),
    ).toBe(true);
    // Same length in UTF-16, different UTF-8 bytes.
    expect(
      sameContrastDatum({ kind: "nie_support", value: "é" }, { kind: "nie_support", value: "è" }),
    ).toBe(false);
    // A trailing NUL must not compare equal to a shorter string.
    expect(
      sameContrastDatum(
        { kind: "nie_support", value: "E1\0" },
        { kind: "nie_support", value: "E1" },
      ),
    ).toBe(false);
  });
});
