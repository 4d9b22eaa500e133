/**
 * Identity document numbers (Spanish DNI and NIE, Italian codice fiscale) and the contrast datum
 * asked with them.
 *
 * Every entry point (API, widget, seed) parses through here so that the same input always
 * normalises to the same stored form and a citizen always gets the same, precise error. Error
 * messages say what is wrong but never what the right control character would be, because that
 * would turn the form into an oracle for completing guessed numbers.
 */

export type DocumentType = "DNI" | "NIE" | "CF";

/** A document number that passed every check, in its normalised (stored) form. */
export type ParsedDocument = { type: DocumentType; number: string };

/** Every code `parseDocument` can return, so callers can map them to HTTP statuses or copy. */
export const DOCUMENT_ERROR_CODES = [
  "empty",
  "too_long",
  "invalid_characters",
  "unrecognised_format",
  "dni_format",
  "dni_control_letter",
  "nie_format",
  "nie_control_letter",
  "cf_format",
  "cf_invalid_date",
  "cf_control_character",
] as const;

export type DocumentErrorCode = (typeof DOCUMENT_ERROR_CODES)[number];
export type DocumentError = { code: DocumentErrorCode; message: string };
export type DocumentResult =
  | { ok: true; document: ParsedDocument }
  | { ok: false; error: DocumentError };

/**
 * Longest raw input accepted, checked before normalising so that hostile input cannot make us
 * spend time in NFKC or regular expressions.
 */
export const MAX_INPUT_LENGTH = 64;

/** DNI/NIE control letters, indexed by the number modulo 23 (Real Decreto 1553/2005). */
const DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";

/**
 * Separators people type or paste inside document numbers. Zero-width and soft-hyphen
 * characters arrive from copying out of PDFs and web pages.
 */
export const SEPARATORS = /[\s\p{Pd}\u2212.,_/\u00b7\u00ad\u200b\u200c\u2060]/gu;

const fail = (code: DocumentErrorCode, message: string): DocumentResult => ({
  ok: false,
  error: { code, message },
});

const found = (type: DocumentType, number: string): DocumentResult => ({
  ok: true,
  document: { type, number },
});

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

function dniControlLetter(n: number): string {
  return DNI_LETTERS.charAt(n % 23);
}

/** Counts the digits at the start of `s`. */
function leadingDigits(s: string): number {
  let i = 0;
  while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
  return i;
}

function parseDni(s: string): DocumentResult {
  if (!/^[0-9]{8}[A-Z]$/.test(s)) {
    const digits = leadingDigits(s);
    const rest = s.slice(digits);
    if (rest === "" && digits === 8) {
      return fail(
        "dni_format",
        "The DNI control letter is missing: a DNI has 8 digits followed by a letter",
      );
    }
    if (/^[A-Z]?$/.test(rest) && digits !== 8) {
      return fail(
        "dni_format",
        `A DNI has 8 digits followed by a letter, but this one has ${plural(digits, "digit")}`,
      );
    }
    return fail("dni_format", "A DNI has 8 digits followed by a letter");
  }
  if (s.charAt(8) !== dniControlLetter(Number(s.slice(0, 8)))) {
    return fail("dni_control_letter", "The DNI control letter does not match the number");
  }
  return found("DNI", s);
}

function parseNie(s: string): DocumentResult {
  const layout = "a letter X, Y or Z, then 7 digits and a control letter";
  const format = `An NIE has ${layout}`;
  if (!/^[XYZ][0-9]{7}[A-Z]$/.test(s)) {
    const body = s.slice(1);
    const digits = leadingDigits(body);
    if (/^[A-Z]?$/.test(body.slice(digits)) && digits !== 7) {
      return fail("nie_format", `${format}, but this one has ${plural(digits, "digit")}`);
    }
    if (digits === 7 && body.length === 7) {
      return fail("nie_format", `The NIE control letter is missing: an NIE has ${layout}`);
    }
    return fail("nie_format", format);
  }
  // The leading letter stands for a digit (X=0, Y=1, Z=2) in the modulo-23 calculation.
  const n = Number(`${"XYZ".indexOf(s.charAt(0))}${s.slice(1, 8)}`);
  if (s.charAt(8) !== dniControlLetter(n)) {
    return fail("nie_control_letter", "The NIE control letter does not match the number");
  }
  return found("NIE", s);
}

/** Letters that replace the digits 0–9 in an omocodic codice fiscale. */
const OMOCODIA_LETTERS = "LMNPQRSTUV";
/** Birth month letters, January to December. */
const CF_MONTHS = "ABCDEHLMPRST";
/** Values of 0–9 and A–Z at odd (1-based) positions, from DM 23/12/1976. */
const CF_ODD = [
  1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
];
const CF_LAYOUT = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;

/** Digit or letter value used by the control calculation: 0–9 for digits, 0–25 for A–Z. */
function cfValue(c: string): number {
  const code = c.charCodeAt(0);
  return code <= 57 ? code - 48 : code - 65;
}

/** Expects 15 characters of [0-9A-Z]. */
function cfControlCharacter(body: string): string {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const value = cfValue(body.charAt(i));
    sum += i % 2 === 0 ? (CF_ODD[value] ?? 0) : value;
  }
  return String.fromCharCode(65 + (sum % 26));
}

/** Turns omocodic letters back into the digits they replaced. */
function undoOmocodia(s: string): string {
  let out = "";
  for (const c of s) {
    const digit = OMOCODIA_LETTERS.indexOf(c);
    out += digit >= 0 ? String(digit) : c;
  }
  return out;
}

function parseCodiceFiscale(s: string): DocumentResult {
  if (s.length !== 16) {
    return fail(
      "cf_format",
      `A codice fiscale has 16 letters and digits, but this one has ${s.length}`,
    );
  }
  if (!CF_LAYOUT.test(s)) {
    return fail(
      "cf_format",
      "A codice fiscale has 6 letters, 2 digits, a month letter, 2 digits, a letter, 3 digits and a control letter",
    );
  }
  if (!CF_MONTHS.includes(s.charAt(8))) {
    return fail("cf_invalid_date", "The birth month letter in the codice fiscale is not valid");
  }
  const day = Number(undoOmocodia(s.slice(9, 11)));
  // Women's codes add 40 to the day of birth.
  if (!((day >= 1 && day <= 31) || (day >= 41 && day <= 71))) {
    return fail("cf_invalid_date", "The birth day in the codice fiscale is not valid");
  }
  if (s.charAt(15) !== cfControlCharacter(s)) {
    return fail(
      "cf_control_character",
      "The codice fiscale control character does not match the rest of the code",
    );
  }
  return found("CF", s);
}

/**
 * Parses a DNI, NIE or codice fiscale typed by a citizen, normalising it for storage.
 *
 * Never throws: every problem comes back as `{ ok: false, error }` with a message fit to show.
 *
 * @example
 * parseDocument("12.345.678-z"); // { ok: true, document: { type: "DNI", number: "12345678Z" } }
 * parseDocument("12345678T").ok; // false (error.code "dni_control_letter")
 */
export function parseDocument(input: string): DocumentResult {
  if (input.length > MAX_INPUT_LENGTH) {
    return fail(
      "too_long",
      `The document number is too long (at most ${MAX_INPUT_LENGTH} characters)`,
    );
  }
  const stripped = input.normalize("NFKC").replace(SEPARATORS, "");
  if (stripped === "") return fail("empty", "Enter a document number");
  // Checked before upper-casing, which would turn look-alikes such as the dotless "ı" into ASCII.
  if (!/^[0-9A-Za-z]+$/.test(stripped)) {
    return fail("invalid_characters", "A document number contains only letters and digits");
  }
  const s = stripped.toUpperCase();
  if (/^[0-9]/.test(s)) return parseDni(s);
  if (/^[XYZ][0-9]/.test(s)) return parseNie(s);
  if (s.length === 16 || /^[A-Z]{6}/.test(s)) return parseCodiceFiscale(s);
  return fail(
    "unrecognised_format",
    "Enter a DNI (8 digits and a letter), an NIE (X, Y or Z, 7 digits and a letter) or a codice fiscale (16 letters and digits)",
  );
}

/**
 * Name of a document type as shown to citizens.
 *
 * @example
 * documentLabel("CF"); // "codice fiscale"
 */
export function documentLabel(type: DocumentType): string {
  return type === "CF" ? "codice fiscale" : type;
}

/**
 * Builds a valid DNI from a number in 0–99 999 999 (tests and demo seed).
 *
 * @example
 * makeDni(12345678); // "12345678Z"
 */
export function makeDni(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99_999_999) {
    throw new RangeError(`makeDni expects an integer from 0 to 99999999, got ${n}`);
  }
  return `${String(n).padStart(8, "0")}${dniControlLetter(n)}`;
}

/**
 * Builds a valid NIE from its prefix letter and a number in 0–9 999 999 (tests and demo seed).
 *
 * @example
 * makeNie("X", 1234567); // "X1234567L"
 */
export function makeNie(prefix: "X" | "Y" | "Z", n: number): string {
  const lead = prefix.length === 1 ? "XYZ".indexOf(prefix) : -1;
  if (lead < 0) {
    throw new RangeError(`makeNie expects the prefix X, Y or Z, got ${prefix}`);
  }
  if (!Number.isInteger(n) || n < 0 || n > 9_999_999) {
    throw new RangeError(`makeNie expects an integer from 0 to 9999999, got ${n}`);
  }
  return `${prefix}${String(n).padStart(7, "0")}${dniControlLetter(lead * 10_000_000 + n)}`;
}

/**
 * Appends the control character to the first 15 characters of a codice fiscale (tests and demo
 * seed). Only the character set is checked, so callers can build deliberately invalid dates.
 *
 * @example
 * makeCodiceFiscale("RSSMRA85T10A562"); // "RSSMRA85T10A562S"
 */
export function makeCodiceFiscale(base15: string): string {
  if (!/^[0-9A-Z]{15}$/.test(base15)) {
    throw new RangeError("makeCodiceFiscale expects 15 upper-case letters and digits");
  }
  return `${base15}${cfControlCharacter(base15)}`;
}
