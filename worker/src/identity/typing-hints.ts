/**
 * What the login app and the citizen app tell a citizen while they type who they are: the
 * document type the input is heading for, and which message explains a parser's refusal. Pure
 * and shared, so that both apps recognise and explain a document the same way (and as the
 * server's parser, documents.ts, decides).
 */
import { type ContrastKind, contrastKindsFor } from "./contrast-datum.ts";
import type { DocumentType } from "./documents.ts";

/** The document type the input is heading for, before it is complete. */
export function guessDocumentType(raw: string): DocumentType | null {
  const s = raw.toUpperCase().replace(/[^0-9A-Z]/g, "");
  if (/^[0-9]/.test(s)) return "DNI";
  if (/^[XYZ][0-9]/.test(s)) return "NIE";
  if (/^[A-Z]{3}/.test(s)) return "CF";
  return null;
}

/**
 * The contrast datum to ask for: the document type's first kind (contrast-datum.ts), or the
 * issue date of a DNI the citizen says is permanent. A type not yet recognised asks as a DNI.
 */
export function contrastKindAsked(type: DocumentType | null, permanent: boolean): ContrastKind {
  const kinds = contrastKindsFor(type ?? "DNI");
  if (permanent && kinds.includes("dni_issue")) return "dni_issue";
  return kinds[0] ?? "dni_validity";
}

const DOCUMENT_REASONS = {
  empty: "error.document.empty",
  dni_control_letter: "error.document.control",
  nie_control_letter: "error.document.control",
  cf_control_character: "error.document.control",
} as const;

const CONTRAST_REASONS = {
  empty: "error.contrast.empty",
  dni_permanent: "error.contrast.permanent",
  nie_support_format: "error.contrast.support",
} as const;

type Values<T> = T[keyof T];

/** Own keys only: a reason such as "toString" must not find a prototype's function. */
const lookup = <T extends object>(table: T, reason: string | undefined): T[keyof T] | undefined =>
  reason !== undefined && Object.hasOwn(table, reason) ? table[reason as keyof T] : undefined;

/** The catalog key that explains an `invalid_document` reason (the parser's or the server's). */
export const documentReasonKey = (
  reason: string | undefined,
): Values<typeof DOCUMENT_REASONS> | "error.document.format" =>
  lookup(DOCUMENT_REASONS, reason) ?? "error.document.format";

/** The catalog key that explains an `invalid_contrast_datum` reason. */
export const contrastReasonKey = (
  reason: string | undefined,
): Values<typeof CONTRAST_REASONS> | "error.contrast.date" =>
  lookup(CONTRAST_REASONS, reason) ?? "error.contrast.date";
