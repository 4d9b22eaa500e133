/**
 * Verification of Llave access tokens by agency APIs (RFC 9068): a JWT with `typ: at+jwt`,
 * signed with a key from the provider's JWKS, for this API's audience, unexpired, carrying
 * `client_id`, `sub`, `jti` and `scope`. An ID token (`typ: JWT`) is refused: it is not an
 * access token, even though it has the same signer.
 */
import { type JWTPayload, type JWTVerifyGetKey, jwtVerify } from "jose";
import { LlaveError } from "./errors.ts";
import { joseFailure, SIGNING_ALGS } from "./id-token.ts";

/**
 * The claims of a verified access token.
 *
 * @example
 * ```ts
 * if (!claims.scope?.split(" ").includes("document")) return forbidden();
 * ```
 */
export type AccessTokenClaims = JWTPayload & {
  /** The issuer: the configured one (checked). */
  iss: string;
  /** The citizen's subject, as in the ID token issued with it. */
  sub: string;
  /** The audience: the client the token was issued to (checked against `audience`). */
  aud: string | string[];
  /** Expiry, in seconds since the epoch (checked, with the clock skew). */
  exp: number;
  /** Issue time, in seconds since the epoch. */
  iat: number;
  /** The token's unique id. */
  jti: string;
  /** The client the token was issued to. */
  client_id: string;
  /** The granted scopes, space-separated (checked against `scopes`). */
  scope: string;
  /** The eIDAS level of the login. */
  acr?: string;
  /** How the citizen logged in (RFC 8176). */
  amr?: string[];
  /** When the citizen logged in, in seconds since the epoch. */
  auth_time?: number;
};

/**
 * Options of `verifyAccessToken`.
 *
 * @example
 * ```ts
 * await client.verifyAccessToken(bearer, { audience: "sede-electronica", scopes: ["profile"] });
 * ```
 */
export type AccessTokenOptions = {
  /** The audience this API accepts (Llave sets `aud` to the client id the token was issued to). */
  audience: string | string[];
  /** Scopes that must all have been granted. */
  scopes?: string[];
};

export async function verifyAccessTokenWith(
  token: string,
  keys: JWTVerifyGetKey,
  issuer: string,
  options: AccessTokenOptions,
  now: number,
  skew: number,
): Promise<AccessTokenClaims> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, keys, {
      algorithms: SIGNING_ALGS,
      typ: "at+jwt",
      issuer,
      audience: options.audience,
      clockTolerance: skew,
      currentDate: new Date(now),
      requiredClaims: ["iss", "sub", "aud", "exp", "iat", "jti", "client_id"],
    }));
  } catch (error) {
    throw joseFailure(error, "Access token");
  }
  const granted = typeof payload.scope === "string" ? payload.scope.split(" ") : [];
  const missing = (options.scopes ?? []).filter((s) => !granted.includes(s));
  if (missing.length > 0) {
    throw new LlaveError("access_token_invalid", `Access token lacks scope ${missing.join(" ")}`);
  }
  return { scope: "", ...payload } as AccessTokenClaims;
}
