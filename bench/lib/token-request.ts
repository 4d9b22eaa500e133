/**
 * The request the token benchmark measures: the authorization code grant with its PKCE verifier,
 * the client authenticated with `client_secret_basic`, and the check every answer must pass
 * (200, a Bearer access token and an ID token), so a broken endpoint is a functional error and
 * never a fast one.
 */
import type { IssuedCode } from "./codes.ts";
import { FunctionalError, type Reply, type Send } from "./http.ts";
import type { BenchClient, OidcTarget } from "./oidc-target.ts";

export type TokenResponse = {
  access_token: string;
  id_token: string;
  token_type: string;
  expires_in?: number;
  scope?: string;
};

/** RFC 6749 §2.3.1: id and secret are form-urlencoded before they are joined and encoded. */
export function clientSecretBasic(client: BenchClient): string {
  const form = (s: string) => new URLSearchParams({ s }).toString().slice(2);
  return `Basic ${Buffer.from(`${form(client.id)}:${form(client.secret)}`).toString("base64")}`;
}

/** Builds the token request for one code; the headers are computed once per target. */
export function tokenRequester(target: OidcTarget): (code: IssuedCode) => Parameters<Send>[0] {
  const headers = {
    authorization: clientSecretBasic(target.client),
    "content-type": "application/x-www-form-urlencoded",
  };
  return (code) => ({
    method: "POST",
    path: target.endpoints.token,
    headers,
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code: code.code,
      redirect_uri: target.client.redirectUri,
      code_verifier: code.verifier,
    }).toString(),
  });
}

/** The token response in `reply`, or a FunctionalError saying what is wrong with it. */
export function tokenResponse(target: OidcTarget, reply: Reply): TokenResponse {
  const fail = (why: string): never => {
    throw new FunctionalError(
      `${target.name} POST token: ${why} (${reply.status}: ${reply.text.slice(0, 300)})`,
    );
  };
  if (reply.status !== 200) fail("expected 200");
  let body: Partial<TokenResponse>;
  try {
    body = JSON.parse(reply.text) as Partial<TokenResponse>;
  } catch {
    return fail("the body is not JSON");
  }
  if (typeof body.id_token !== "string" || body.id_token === "") fail("no id_token");
  if (typeof body.access_token !== "string" || body.access_token === "") fail("no access_token");
  if (body.token_type?.toLowerCase() !== "bearer") fail("token_type is not Bearer");
  return body as TokenResponse;
}
