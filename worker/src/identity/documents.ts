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
const SEPARATORS = /[\s\p{Pd}\u2212.,_/\u00b7\u00ad\u200b\u200c\u2060]/gu;

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

/** Label with its English article, for use inside sentences. */
const withArticle = (type: DocumentType): string =>
  `${type === "NIE" ? "an" : "a"} ${documentLabel(type)}`;

export type ContrastKind = "dni_validity" | "dni_issue" | "nie_support" | "cf_card_expiry";
export type ContrastDatum = { kind: ContrastKind; value: string };

/** Every code `parseContrastDatum` can return. */
export const CONTRAST_ERROR_CODES = [
  "unknown_document_type",
  "unknown_kind",
  "kind_mismatch",
  "empty",
  "too_long",
  "date_format",
  "date_out_of_range",
  "invalid_date",
  "dni_permanent",
  "nie_support_format",
] as const;

export type ContrastErrorCode = (typeof CONTRAST_ERROR_CODES)[number];
export type ContrastError = { code: ContrastErrorCode; message: string };
export type ContrastResult =
  | { ok: true; datum: ContrastDatum }
  | { ok: false; error: ContrastError };

/** First entry is the default when the caller gives no kind. */
const KINDS: Record<DocumentType, readonly ContrastKind[]> = {
  DNI: Object.freeze(["dni_validity", "dni_issue"] as const),
  NIE: Object.freeze(["nie_support"] as const),
  CF: Object.freeze(["cf_card_expiry"] as const),
};

const KIND_NAMES: Record<ContrastKind, string> = {
  dni_validity: "DNI validity date",
  dni_issue: "DNI issue date",
  nie_support: "NIE support number",
  cf_card_expiry: "health card expiry date",
};

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

const MIN_YEAR = 1900;
const MAX_YEAR = 2200;

const contrastFail = (code: ContrastErrorCode, message: string): ContrastResult => ({
  ok: false,
  error: { code, message },
});

/**
 * The contrast data that can accompany a document type, default first.
 *
 * @example
 * contrastKindsFor("DNI"); // ["dni_validity", "dni_issue"]
 */
export function contrastKindsFor(type: DocumentType): readonly ContrastKind[] {
  return KINDS[type];
}

const quotedList = (kinds: readonly ContrastKind[]): string =>
  kinds.map((k) => `"${k}"`).join(" or ");

function isContrastKind(kind: unknown): kind is ContrastKind {
  return typeof kind === "string" && Object.hasOwn(KIND_NAMES, kind);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function parseDate(kind: ContrastKind, value: string): ContrastResult {
  const name = KIND_NAMES[kind];
  let year: number;
  let month: number;
  let day: number;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const spanish = /^(\d{1,2})([/-])(\d{1,2})\2(\d{4})$/.exec(value);
  if (iso) {
    year = Number(iso[1]);
    month = Number(iso[2]);
    day = Number(iso[3]);
  } else if (spanish) {
    day = Number(spanish[1]);
    month = Number(spanish[3]);
    year = Number(spanish[4]);
  } else if (kind === "dni_validity" && value.replace(/\s/g, "").toUpperCase() === "PERMANENTE") {
    return contrastFail(
      "dni_permanent",
      'A permanent DNI has no expiry date: give its issue date instead, as "dni_issue"',
    );
  } else {
    return contrastFail(
      "date_format",
      `Write the ${name} as YYYY-MM-DD or DD/MM/YYYY (for example 2031-05-17 or 17/05/2031)`,
    );
  }
  if (year < MIN_YEAR || year > MAX_YEAR) {
    return contrastFail(
      "date_out_of_range",
      `The year of the ${name} must be between ${MIN_YEAR} and ${MAX_YEAR}`,
    );
  }
  if (month < 1 || month > 12) {
    return contrastFail("invalid_date", `The month of the ${name} must be between 1 and 12`);
  }
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) {
    return contrastFail(
      "invalid_date",
      `The day of the ${name} must be between 1 and ${last} for ${MONTH_NAMES[month - 1]} ${year}`,
    );
  }
  const pad = (n: number) => String(n).padStart(2, "0");
  return { ok: true, datum: { kind, value: `${year}-${pad(month)}-${pad(day)}` } };
}

function parseSupportNumber(value: string): ContrastResult {
  const s = value.replace(SEPARATORS, "").toUpperCase();
  if (!/^[EC][0-9]{8}$/.test(s)) {
    return contrastFail(
      "nie_support_format",
      "The NIE support number is the letter E or C followed by 8 digits (for example E12345678)",
    );
  }
  return { ok: true, datum: { kind: "nie_support", value: s } };
}

/**
 * Parses the contrast datum given with a document number and normalises it for comparison with
 * the register: dates become `YYYY-MM-DD`, NIE support numbers become upper case without spaces.
 *
 * Without a `kind`, the document type's default applies (`dni_validity` for a DNI). Never throws.
 *
 * @example
 * parseContrastDatum("DNI", { value: "17/05/2031" });
 * // { ok: true, datum: { kind: "dni_validity", value: "2031-05-17" } }
 * parseContrastDatum("NIE", { value: "e 1234 5678" });
 * // { ok: true, datum: { kind: "nie_support", value: "E12345678" } }
 */
export function parseContrastDatum(
  documentType: DocumentType,
  input: { kind?: ContrastKind | undefined; value: string },
): ContrastResult {
  if (!Object.hasOwn(KINDS, documentType)) {
    return contrastFail("unknown_document_type", "The document type must be DNI, NIE or CF");
  }
  const allowed = KINDS[documentType];
  const kind: unknown = input.kind ?? allowed[0];
  if (!isContrastKind(kind)) {
    return contrastFail(
      "unknown_kind",
      `The contrast datum kind is not recognised: for ${withArticle(documentType)} use ${quotedList(allowed)}`,
    );
  }
  if (!allowed.includes(kind)) {
    return contrastFail(
      "kind_mismatch",
      `A ${KIND_NAMES[kind]} ("${kind}") cannot be given with ${withArticle(documentType)}: use ${quotedList(allowed)}`,
    );
  }
  if (input.value.length > MAX_INPUT_LENGTH) {
    return contrastFail(
      "too_long",
      `The ${KIND_NAMES[kind]} is too long (at most ${MAX_INPUT_LENGTH} characters)`,
    );
  }
  const value = input.value.normalize("NFKC").trim();
  if (value === "") return contrastFail("empty", `Enter the ${KIND_NAMES[kind]}`);
  return kind === "nie_support" ? parseSupportNumber(value) : parseDate(kind, value);
}

const encoder = new TextEncoder();

/**
 * True when both data have the same kind and value. The value comparison takes the same time
 * whatever the contents, so response timing does not reveal how much of a guess was right.
 * Compare normalised data (from `parseContrastDatum`), not raw input.
 *
 * @example
 * sameContrastDatum(
 *   { kind: "dni_validity", value: "2031-05-17" },
 *   { kind: "dni_validity", value: "2031-05-17" },
 * ); // true
 */
export function sameContrastDatum(a: ContrastDatum, b: ContrastDatum): boolean {
  const x = encoder.encode(a.value);
  const y = encoder.encode(b.value);
  const length = Math.max(x.length, y.length);
  let diff = x.length ^ y.length;
  for (let i = 0; i < length; i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  // Kinds are public, so checking them after the loop leaks nothing.
  return diff === 0 && a.kind === b.kind;
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
