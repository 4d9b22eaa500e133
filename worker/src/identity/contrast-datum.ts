/**
 * Contrast data: the fact asked together with the document number ("dato de contraste"), which
 * must match the register before a PIN is sent: a DNI's validity date (or issue date for a
 * permanent DNI), a NIE's support number, or an Italian health card's expiry date.
 * Identifiers are not secrets; the datum only makes casual misuse harder.
 */
import { type DocumentType, documentLabel, MAX_INPUT_LENGTH, SEPARATORS } from "./documents.ts";

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
