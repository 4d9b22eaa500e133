/**
 * Rule: hints and opaque values. `login_hint` is a document number: kept normalised when it
 * is a valid DNI/NIE/codice fiscale, ignored otherwise (it is only a hint). `ui_locales` is
 * kept as a list of language tags. `state` and `nonce` are returned verbatim, so they are
 * only bounded in length.
 */
import { parseDocument } from "../../identity/documents.ts";
import { oauth } from "../oauth-error.ts";
import type { Params } from "./params.ts";

const MAX_OPAQUE = 512;
const LANGUAGE_TAG = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/;

export function opaque(params: Params, name: "state" | "nonce"): string | null {
  const value = params[name];
  if (value === undefined) return null;
  if (value.length > MAX_OPAQUE) throw oauth("invalid_request", `${name} is too long`);
  return value;
}

export function loginHint(params: Params): string | null {
  if (!params.login_hint) return null;
  const parsed = parseDocument(params.login_hint);
  return parsed.ok ? parsed.document.number : null;
}

export function uiLocales(params: Params): string[] {
  return (params.ui_locales ?? "")
    .split(" ")
    .filter((tag) => LANGUAGE_TAG.test(tag))
    .slice(0, 10);
}
