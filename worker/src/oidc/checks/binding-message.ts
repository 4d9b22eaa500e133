/**
 * Rule: `binding_message` (CIBA Core 7.1), which the citizen's app shows beside the request so
 * that the citizen can tell it is the one the caller speaks of. Llave requires it: a request
 * the citizen cannot tie to the conversation is one they should not approve. NFC-normalised,
 * 1–64 characters, printable only (letters, marks, digits, punctuation, symbols, spaces), so
 * no control, format or direction-override character can make it read otherwise.
 */
import { oauth } from "../oauth-error.ts";
import type { Params } from "./params.ts";

export const MAX_BINDING_MESSAGE = 64;
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]+$/u;

/** @example bindingMessage({ binding_message: "Llamada 4821" }) // "Llamada 4821" */
export function bindingMessage(params: Params): string {
  const raw = params.binding_message;
  if (raw === undefined) {
    throw oauth("invalid_binding_message", "binding_message is required");
  }
  const message = raw.normalize("NFC");
  const length = [...message].length;
  if (length > MAX_BINDING_MESSAGE) {
    throw oauth(
      "invalid_binding_message",
      `binding_message is at most ${MAX_BINDING_MESSAGE} characters`,
    );
  }
  if (!PRINTABLE.test(message) || message.trim() === "") {
    throw oauth("invalid_binding_message", "binding_message must be printable text");
  }
  return message;
}
