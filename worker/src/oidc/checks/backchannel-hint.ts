/**
 * Rule: who a backchannel request is for (CIBA Core 7.1). Llave accepts `login_hint` only: the
 * citizen's document number (DNI, NIE, codice fiscale), checked with its control character.
 * `id_token_hint` and `login_hint_token` are refused as not supported, so a client never
 * believes one of them was honoured. Whether the citizen exists is the endpoint's concern.
 */
import { type ParsedDocument, parseDocument } from "../../identity/documents.ts";
import { oauth } from "../oauth-error.ts";
import type { Params } from "./params.ts";

/** @example citizenHint({ login_hint: "12345678z" }) // { type: "DNI", number: "12345678Z" } */
export function citizenHint(params: Params): ParsedDocument {
  for (const name of ["id_token_hint", "login_hint_token"] as const) {
    if (params[name] !== undefined) {
      throw oauth("invalid_request", `${name} is not supported; send login_hint`);
    }
  }
  if (params.login_hint === undefined) {
    throw oauth("invalid_request", "login_hint (the citizen's document number) is required");
  }
  const parsed = parseDocument(params.login_hint);
  if (!parsed.ok) {
    throw oauth("invalid_request", `login_hint is not a document number: ${parsed.error.message}`);
  }
  return parsed.document;
}
