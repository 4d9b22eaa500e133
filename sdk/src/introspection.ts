/**
 * Token introspection (RFC 7662) at the provider's `introspection_endpoint`, authenticated like
 * the token endpoint. An inactive token is reduced to `{ active: false }`: the provider says
 * nothing about why (expired, revoked, another client's), and neither may we (RFC 7662 2.2).
 * An active answer must carry `sub`, `client_id` and `scope`, and its times must be numbers,
 * before anything trusts it.
 */
import type { ClientAuth } from "./client-auth.ts";
import { LlaveError } from "./errors.ts";
import { oauthJson } from "./http.ts";
import type { Runtime } from "./options.ts";
import { postForm } from "./token.ts";

/**
 * A token the provider no longer honours, or never issued to this client.
 *
 * @example
 * ```ts
 * if (!result.active) return new Response(null, { status: 401 });
 * ```
 */
export type InactiveToken = {
  /** Always `false`; nothing else is said about the token. */
  active: false;
};

/**
 * A live token issued to this client, with its claims (RFC 7662 2.2).
 *
 * @example
 * ```ts
 * if (result.active && result.scope.split(" ").includes("document")) showDocument(result.sub);
 * ```
 */
export type ActiveToken = {
  /** Always `true`. */
  active: true;
  /** The pairwise subject: the same as the ID token's `sub`. */
  sub: string;
  /** The client the token was issued to (always the asking client). */
  client_id: string;
  /** The granted scopes, space-separated. */
  scope: string;
  /** `Bearer` for an access token, `refresh_token` for a refresh token. */
  token_type?: string;
  /** Expiry, in seconds since the epoch (absent for a refresh token). */
  exp?: number;
  /** Issue time, in seconds since the epoch. */
  iat?: number;
  /** When the citizen authenticated, in seconds since the epoch. */
  auth_time?: number;
  /** The level of assurance reached, e.g. `http://eidas.europa.eu/LoA/substantial`. */
  acr?: string;
  /** The issuer. */
  iss?: string;
  /** The audience of an access token. */
  aud?: string | string[];
  /** The token's identifier. */
  jti?: string;
  [claim: string]: unknown;
};

/**
 * What introspection says about a token; narrow on `active`.
 *
 * @example
 * ```ts
 * const result = await client.introspect(token);
 * if (result.active) console.log(result.sub, result.client_id, result.exp);
 * ```
 */
export type IntrospectionResult = InactiveToken | ActiveToken;

/**
 * Options of `client.introspect`.
 *
 * @example
 * ```ts
 * const options: IntrospectOptions = { tokenTypeHint: "refresh_token" };
 * const { active } = await client.introspect(stored.refreshToken, options);
 * ```
 */
export type IntrospectOptions = {
  /** Which kind of token it is (RFC 7662 2.1); the provider looks there first. */
  tokenTypeHint?: "access_token" | "refresh_token";
};

const STRINGS = ["sub", "client_id", "scope"] as const;
const OPTIONAL_STRINGS = ["token_type", "acr", "iss", "jti"] as const;
const TIMES = ["exp", "iat", "nbf", "auth_time"] as const;

export async function introspectToken(
  rt: Runtime,
  auth: ClientAuth,
  endpoint: string,
  token: string,
  options: IntrospectOptions,
): Promise<IntrospectionResult> {
  const response = await postForm(rt, auth, endpoint, {
    token,
    ...(options.tokenTypeHint === undefined ? {} : { token_type_hint: options.tokenTypeHint }),
  });
  const body = await oauthJson(response, "Introspection endpoint");
  if (typeof body.active !== "boolean") {
    throw new LlaveError("invalid_response", "Introspection endpoint: active is not a boolean");
  }
  if (!body.active) return { active: false };
  for (const name of STRINGS) {
    if (typeof body[name] !== "string") {
      throw new LlaveError("invalid_response", `Introspection endpoint: ${name} is not a string`);
    }
  }
  for (const name of OPTIONAL_STRINGS) {
    if (body[name] !== undefined && typeof body[name] !== "string") {
      throw new LlaveError("invalid_response", `Introspection endpoint: ${name} is not a string`);
    }
  }
  for (const name of TIMES) {
    if (body[name] !== undefined && typeof body[name] !== "number") {
      throw new LlaveError("invalid_response", `Introspection endpoint: ${name} is not a number`);
    }
  }
  return body as ActiveToken;
}
