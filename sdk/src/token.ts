/**
 * Token endpoint requests (authorization code, refresh) and their answer, checked for the
 * members RFC 6749 5.1 requires before anything trusts it.
 */
import type { ClientAuth } from "./client-auth.ts";
import { LlaveError } from "./errors.ts";
import { oauthJson, send } from "./http.ts";
import type { Runtime } from "./options.ts";

/**
 * A token endpoint answer.
 *
 * @example
 * ```ts
 * if (tokens.expiresAt !== undefined && tokens.expiresAt <= client.now()) await client.refresh(refreshToken);
 * ```
 */
export type TokenSet = {
  /** An RFC 9068 JWT access token, for the userinfo endpoint or the agency's own APIs. */
  accessToken: string;
  /** Always `Bearer`: send it as `Authorization: Bearer <accessToken>`. */
  tokenType: "Bearer";
  /** When the access token expires, in milliseconds since the epoch. */
  expiresAt: number | undefined;
  /** The signed ID token (keep it as `id_token_hint` for logout). */
  idToken: string | undefined;
  /** Present when `offline_access` was asked for and allowed. Rotates on every refresh. */
  refreshToken: string | undefined;
  /** The scopes granted, space-separated. */
  scope: string | undefined;
};

/** Posts a form to a back-channel endpoint (token, revocation, introspection), authenticated. */
export async function postForm(
  rt: Runtime,
  auth: ClientAuth,
  endpoint: string,
  params: Record<string, string>,
): Promise<Response> {
  const headers = new Headers({
    "content-type": "application/x-www-form-urlencoded",
    accept: "application/json",
  });
  const form = new URLSearchParams(params);
  await auth(headers, form);
  return send(rt.fetch, endpoint, { method: "POST", headers, body: form });
}

/** Requests tokens and checks the answer's shape. */
export async function tokenRequest(
  rt: Runtime,
  auth: ClientAuth,
  endpoint: string,
  params: Record<string, string>,
): Promise<TokenSet> {
  const body = await oauthJson(await postForm(rt, auth, endpoint, params), "Token endpoint");
  const str = (name: string) => {
    const value = body[name];
    if (value === undefined) return undefined;
    if (typeof value !== "string" || value === "") {
      throw new LlaveError("invalid_response", `Token endpoint: ${name} is not a string`);
    }
    return value;
  };
  const accessToken = str("access_token");
  if (accessToken === undefined) {
    throw new LlaveError("invalid_response", "Token endpoint: no access_token");
  }
  if (str("token_type")?.toLowerCase() !== "bearer") {
    throw new LlaveError("invalid_response", "Token endpoint: token_type is not Bearer");
  }
  const expiresIn = body.expires_in;
  return {
    accessToken,
    tokenType: "Bearer",
    expiresAt: typeof expiresIn === "number" ? rt.now() + expiresIn * 1000 : undefined,
    idToken: str("id_token"),
    refreshToken: str("refresh_token"),
    scope: str("scope"),
  };
}
