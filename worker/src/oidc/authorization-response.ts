/**
 * Authorization responses (RFC 6749 4.1.2, RFC 9207): the URL to redirect to — the verified
 * redirect URI with `code` or `error`, `state` verbatim and `iss` always, success and error
 * alike, so a client can tell which provider answered (mix-up defence). Parameters are added
 * to whatever query the registered URI already has. Routes answer with `c.redirect(url)`, so
 * cookies set on the way are kept.
 */
import type { OAuthError } from "./oauth-error.ts";

export type ResponseTarget = { redirectUri: string; state: string | null };

function location(target: ResponseTarget, issuer: string, params: Record<string, string>): string {
  const url = new URL(target.redirectUri);
  for (const [name, value] of Object.entries(params)) url.searchParams.append(name, value);
  if (target.state !== null) url.searchParams.append("state", target.state);
  url.searchParams.append("iss", issuer);
  return url.toString();
}

export const codeLocation = (target: ResponseTarget, issuer: string, code: string): string =>
  location(target, issuer, { code });

export const errorLocation = (target: ResponseTarget, issuer: string, error: OAuthError): string =>
  location(target, issuer, { error: error.error, error_description: error.description });
