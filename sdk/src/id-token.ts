/**
 * ID-token verification (OIDC Core 3.1.3.7, 12.2): signature against the provider's JWKS with
 * an allow-list of algorithms (never `none`), `iss`, `aud`, `azp`, `exp`/`iat` with the clock
 * skew, `nonce`, `at_hash`, `auth_time` against `max_age`, and the level of assurance.
 */
import { errors, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from "jose";
import { type AcrLevel, acrMeets } from "./acr.ts";
import { LlaveError } from "./errors.ts";
import { base64url } from "./random.ts";

/** Signature algorithms the SDK accepts from Llave; `none` and HMAC never. */
export const SIGNING_ALGS = ["ES256", "RS256", "PS256", "ES384", "RS384", "PS384", "EdDSA"];

/**
 * The claims of a verified Llave ID token. Identity claims appear as the scopes allow.
 *
 * @example
 * ```ts
 * const { sub, acr, given_name, document_number } = (await client.handleCallback(url, expected)).claims;
 * ```
 */
export type IdTokenClaims = JWTPayload & {
  /** The issuer: the configured one (checked). */
  iss: string;
  /** The citizen's subject for this agency (pairwise unless the client is `public`). */
  sub: string;
  /** The audience: this client's id (checked). */
  aud: string | string[];
  /** Expiry, in seconds since the epoch (checked, with the clock skew). */
  exp: number;
  /** Issue time, in seconds since the epoch (checked: not in the future beyond the skew). */
  iat: number;
  /** When the citizen logged in, in seconds since the epoch (checked against `maxAge`). */
  auth_time?: number;
  /** The request's `nonce` (checked on login; absent after a refresh). */
  nonce?: string;
  /** The eIDAS level reached, e.g. `http://eidas.europa.eu/LoA/substantial` (see `acrLevel`). */
  acr?: string;
  /** How the citizen logged in (RFC 8176), e.g. `["otp", "sms"]`, `["otp", "mca"]`. */
  amr?: string[];
  /** The authorized party: this client's id (checked when present). */
  azp?: string;
  /** The citizen's session at Llave, for back-channel logout. */
  sid?: string;
  /** The hash of the access token issued with it (checked). */
  at_hash?: string;
  /** Full name (`profile`). Llave releases identity claims from userinfo. */
  name?: string;
  /** Given name (`profile`). */
  given_name?: string;
  /** Family names (`profile`). */
  family_name?: string;
  /** Date of birth, `YYYY-MM-DD` (`profile`). */
  birthdate?: string;
  /** E-mail address (`email`). */
  email?: string;
  /** Whether Llave verified the e-mail address (`email`). */
  email_verified?: boolean;
  /** Mobile number, E.164 (`phone`). */
  phone_number?: string;
  /** Whether Llave verified the mobile number (`phone`). */
  phone_number_verified?: boolean;
  /** The identity document's kind (`document`). */
  document_type?: "DNI" | "NIE" | "CF";
  /** The identity document's number (`document`). */
  document_number?: string;
};

/** What an ID token must match. */
export type IdTokenExpectations = {
  issuer: string;
  clientId: string;
  keys: JWTVerifyGetKey;
  now: number;
  skew: number;
  /** The `nonce` sent in the request; `undefined` after a refresh (none is sent). */
  nonce?: string | undefined;
  /** The access token issued with it, checked against `at_hash`. */
  accessToken?: string | undefined;
  /** The lowest level of assurance accepted. */
  acr?: AcrLevel | undefined;
  /** The `max_age` sent in the request, in seconds. */
  maxAge?: number | undefined;
  /** The subject it must name (a refreshed ID token keeps the subject). */
  subject?: string | undefined;
};

const invalid = (reason: string, cause?: unknown) =>
  new LlaveError("id_token_invalid", `ID token ${reason}`, { cause });

/** Verifies an ID token and returns its claims, or throws a {@link LlaveError}. */
export async function verifyIdToken(
  token: string,
  expect: IdTokenExpectations,
): Promise<IdTokenClaims> {
  let payload: JWTPayload;
  let alg: string;
  try {
    const result = await jwtVerify(token, expect.keys, {
      algorithms: SIGNING_ALGS,
      issuer: expect.issuer,
      audience: expect.clientId,
      clockTolerance: expect.skew,
      currentDate: new Date(expect.now),
      requiredClaims: ["iss", "sub", "aud", "exp", "iat"],
    });
    payload = result.payload;
    alg = result.protectedHeader.alg;
  } catch (error) {
    throw joseFailure(error, "ID token");
  }
  const now = expect.now / 1000;
  const iat = payload.iat as number;
  if (iat > now + expect.skew) throw invalid("was issued in the future (iat)");
  const aud = payload.aud;
  if (Array.isArray(aud) && aud.length > 1 && payload.azp === undefined) {
    throw invalid("has several audiences and no azp");
  }
  if (payload.azp !== undefined && payload.azp !== expect.clientId) {
    throw invalid("was issued to another party (azp)");
  }
  if (expect.subject !== undefined && payload.sub !== expect.subject) {
    throw invalid("names another subject (sub)");
  }
  if (expect.nonce !== undefined && payload.nonce !== expect.nonce) {
    throw new LlaveError(
      "nonce_mismatch",
      payload.nonce === undefined ? "ID token has no nonce" : "ID token nonce does not match",
    );
  }
  if (expect.accessToken !== undefined && payload.at_hash !== undefined) {
    if (payload.at_hash !== (await tokenHash(expect.accessToken, alg))) {
      throw invalid("at_hash does not match the access token");
    }
  }
  if (expect.maxAge !== undefined) {
    if (typeof payload.auth_time !== "number") throw invalid("has no auth_time for max_age");
    if (payload.auth_time + expect.maxAge + expect.skew < now) {
      throw invalid("auth_time is older than max_age");
    }
  }
  if (expect.acr !== undefined && !acrMeets(payload.acr, expect.acr)) {
    throw new LlaveError(
      "acr_not_met",
      `The login reached ${String(payload.acr)}, below the ${expect.acr} level requested`,
    );
  }
  return payload as IdTokenClaims;
}

/** The `at_hash` of an access token: the left half of its hash with the JWS alg's size. */
export async function tokenHash(token: string, alg: string): Promise<string> {
  const bits = /(\d{3})$/.exec(alg)?.[1] ?? "256";
  const hash = alg === "EdDSA" ? "SHA-512" : `SHA-${bits}`;
  const digest = new Uint8Array(await crypto.subtle.digest(hash, new TextEncoder().encode(token)));
  return base64url(digest.slice(0, digest.length / 2));
}

/** A jose verification failure as a `LlaveError`, naming the claim or step that failed. */
export function joseFailure(
  error: unknown,
  what: "ID token" | "Access token",
): LlaveError<"id_token_invalid" | "access_token_invalid" | "jwks_failed" | "network_error"> {
  if (
    error instanceof LlaveError &&
    (error.code === "jwks_failed" || error.code === "network_error")
  ) {
    return error as LlaveError<"jwks_failed" | "network_error">;
  }
  const code = what === "ID token" ? "id_token_invalid" : "access_token_invalid";
  const fail = (reason: string) => new LlaveError(code, `${what} ${reason}`, { cause: error });
  if (error instanceof errors.JWTExpired) return fail("has expired (exp)");
  if (error instanceof errors.JWTClaimValidationFailed) {
    return fail(`claim ${error.claim} is not valid (${error.reason})`);
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return fail("uses an algorithm not allowed");
  if (error instanceof errors.JWKSNoMatchingKey) return fail("is signed with an unknown key");
  if (error instanceof errors.JWSSignatureVerificationFailed) return fail("signature is not valid");
  if (error instanceof errors.JWTInvalid || error instanceof errors.JWSInvalid) {
    return fail("is malformed");
  }
  if (error instanceof errors.JOSEError) return fail(`is not valid (${error.code})`);
  return fail("could not be verified");
}
