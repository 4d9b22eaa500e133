/**
 * The userinfo endpoint (OIDC Core 5.3): a bearer request, the `WWW-Authenticate` error of a
 * refused token as an `oauth_error`, and the answer's `sub` checked against the ID token's
 * (5.3.2: otherwise the answer could be another citizen's).
 */
import { LlaveError, oauthError } from "./errors.ts";
import { jsonObject, send } from "./http.ts";
import type { IdTokenClaims } from "./id-token.ts";
import type { Runtime } from "./options.ts";

/**
 * Userinfo claims: `sub` and what the granted scopes release.
 *
 * @example
 * ```ts
 * const { given_name, email } = await client.userinfo(tokens.accessToken, { subject: claims.sub });
 * ```
 */
export type UserinfoClaims = Pick<
  IdTokenClaims,
  | "name"
  | "given_name"
  | "family_name"
  | "birthdate"
  | "email"
  | "email_verified"
  | "phone_number"
  | "phone_number_verified"
  | "document_type"
  | "document_number"
> & {
  /** The citizen's subject; `userinfo` checks it equals the ID token's when given `subject`. */
  sub: string;
  /** Any other claim, as Llave sent it. */
  [claim: string]: unknown;
};

export async function fetchUserinfo(
  rt: Runtime,
  endpoint: string,
  accessToken: string,
  expectedSubject: string | undefined,
): Promise<UserinfoClaims> {
  const response = await send(rt.fetch, endpoint, {
    headers: { authorization: `Bearer ${accessToken}`, accept: "application/json" },
  });
  if (!response.ok) {
    const challenge = response.headers.get("www-authenticate") ?? "";
    const error = /error="([^"]*)"/.exec(challenge)?.[1];
    const description = /error_description="([^"]*)"/.exec(challenge)?.[1];
    if (error) throw oauthError({ error, error_description: description }, response.status);
    throw new LlaveError("invalid_response", `Userinfo answered ${response.status}`, {
      status: response.status,
    });
  }
  const body = await jsonObject(response, "Userinfo");
  if (typeof body.sub !== "string") throw new LlaveError("invalid_response", "Userinfo has no sub");
  if (expectedSubject !== undefined && body.sub !== expectedSubject) {
    throw new LlaveError("invalid_response", "Userinfo names another subject than the ID token");
  }
  return body as UserinfoClaims;
}
