/**
 * The document number and contrast datum as the login API receives them, checked with the
 * identity rules (identity/) and refused as the problems every method answers alike:
 * `invalid_document` and `invalid_contrast_datum`, each with the rule that failed as `reason`.
 */
import * as z from "zod";
import { Problem } from "../errors.ts";
import {
  type ContrastDatum,
  parseContrastDatum,
  sameContrastDatum,
} from "../identity/contrast-datum.ts";
import { type ParsedDocument, parseDocument } from "../identity/documents.ts";
import type { AccountStore, Citizen } from "../storage/account-store.ts";

/** The document and contrast datum as request bodies carry them (parsed by the functions below). */
export const IdentityFields = {
  document: z
    .string()
    .max(64)
    .describe("DNI, NIE or Italian codice fiscale; case and separators are ignored"),
  contrast: z.strictObject({
    kind: z
      .enum(["dni_validity", "dni_issue", "nie_support", "cf_card_expiry"])
      .optional()
      .describe(
        "Which contrast datum is given; defaults to the first one the document type accepts",
      ),
    value: z
      .string()
      .max(64)
      .describe("DNI validity or issue date, NIE support number, or health card expiry"),
  }),
};

/** @example requireDocument("12345678z") // { type: "DNI", number: "12345678Z" } */
export function requireDocument(input: string): ParsedDocument {
  const parsed = parseDocument(input);
  if (!parsed.ok) {
    throw new Problem("invalid_document", parsed.error.message, { reason: parsed.error.code });
  }
  return parsed.document;
}

/** @example requireContrastDatum(document, { value: "2031-05-07" }) */
export function requireContrastDatum(
  document: ParsedDocument,
  input: Parameters<typeof parseContrastDatum>[1],
): ContrastDatum {
  const parsed = parseContrastDatum(document.type, input);
  if (!parsed.ok) {
    throw new Problem("invalid_contrast_datum", parsed.error.message, {
      reason: parsed.error.code,
    });
  }
  return parsed.datum;
}

/**
 * The active citizen whose document and contrast datum these are, or null — for an unknown
 * document, a wrong datum and a suspended citizen alike, so that callers give one answer.
 */
export async function matchingCitizen(
  accounts: AccountStore,
  document: ParsedDocument,
  datum: ContrastDatum,
): Promise<Citizen | null> {
  const found = await accounts.findByDocument(document.type, document.number);
  const matches =
    found !== null &&
    sameContrastDatum(datum, { kind: found.contrastKind, value: found.contrastValue }) &&
    found.status === "active";
  return matches ? found : null;
}
