/**
 * Client authentication at the provider's back-channel endpoints:
 * `client_secret_basic` with id and secret form-urlencoded before base64 (RFC 6749 2.3.1 — a
 * secret with `+`, `%` or `:` breaks clients that skip it), or `private_key_jwt` (RFC 7523)
 * with a fresh, single-use assertion whose audience is the issuer.
 */
import { type CryptoKey, importJWK, SignJWT } from "jose";
import { LlaveError } from "./errors.ts";
import type { ClientCredentials, PrivateKeyOptions } from "./options.ts";
import { randomToken } from "./random.ts";

const JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const ASSERTION_LIFETIME_S = 60;

/** Adds the client's authentication to a back-channel request's headers and form. */
export type ClientAuth = (headers: Headers, form: URLSearchParams) => Promise<void>;

/** The form-urlencoding of one value (`application/x-www-form-urlencoded`, HTML 4.01 17.13.4). */
function formEncode(value: string): string {
  return new URLSearchParams([["", value]]).toString().slice(1);
}

export function clientAuth(
  credentials: ClientCredentials,
  clientId: string,
  issuer: string,
  now: () => number,
): ClientAuth {
  if (credentials.privateKey) {
    const signing = signingKey(credentials.privateKey);
    return async (_headers, form) => {
      const { key, alg, kid } = await signing;
      const iat = Math.floor(now() / 1000);
      const assertion = await new SignJWT({})
        .setProtectedHeader(kid === undefined ? { alg } : { alg, kid })
        .setIssuer(clientId)
        .setSubject(clientId)
        .setAudience(issuer)
        .setJti(randomToken())
        .setIssuedAt(iat)
        .setExpirationTime(iat + ASSERTION_LIFETIME_S)
        .sign(key);
      form.set("client_id", clientId);
      form.set("client_assertion_type", JWT_BEARER);
      form.set("client_assertion", assertion);
    };
  }
  if (typeof credentials.clientSecret !== "string" || credentials.clientSecret === "") {
    throw new LlaveError("invalid_configuration", "Give clientSecret or privateKey");
  }
  const basic = `Basic ${btoa(`${formEncode(clientId)}:${formEncode(credentials.clientSecret)}`)}`;
  return async (headers) => {
    headers.set("authorization", basic);
  };
}

async function signingKey(
  options: PrivateKeyOptions,
): Promise<{ key: CryptoKey | Uint8Array; alg: string; kid: string | undefined }> {
  const { key } = options;
  if (isCryptoKey(key)) {
    const name = key.algorithm.name;
    const alg =
      options.alg ?? (name === "ECDSA" ? "ES256" : name === "RSA-PSS" ? "PS256" : "RS256");
    return { key, alg, kid: options.kid };
  }
  if (typeof key.d !== "string") {
    throw new LlaveError("invalid_configuration", "privateKey must be a private key");
  }
  const alg = options.alg ?? key.alg ?? (key.kty === "EC" ? "ES256" : "RS256");
  return { key: await importJWK(key, alg), alg, kid: options.kid ?? key.kid };
}

function isCryptoKey(key: unknown): key is CryptoKey {
  return typeof key === "object" && key !== null && "algorithm" in key && "type" in key;
}
