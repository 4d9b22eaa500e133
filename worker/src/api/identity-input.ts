/**
 * The document number and contrast datum as the login API receives them, checked with the
 * identity rules (identity/) and refused as the problems every method answers alike:
 * `invalid_document` and `invalid_contrast_datum`, each with the rule that failed as `reason`.
 */
import { Problem } from "../errors.ts";
import { type ContrastDatum, parseContrastDatum } from "../identity/contrast-datum.ts";
import { type ParsedDocument, parseDocument } from "../identity/documents.ts";

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
