/**
 * Compact JWS signing (RFC 7515 §7.1) with WebCrypto directly, for the provider's own tokens.
 * jose's SignJWT does the same and more: it deep-copies the claims, re-validates the header
 * and its `crit` rules and re-imports nothing but checks the key on every call. For tokens we
 * build ourselves, with keys checked once when they were loaded, that was a tenth of the
 * token endpoint's CPU; here the header segment is encoded once per key and type.
 *
 * The output is an ordinary JWS: `base64url(header).base64url(payload).base64url(signature)`,
 * with ES256 signatures in the IEEE P1363 form (r ‖ s) that WebCrypto produces and JWS requires
 * (RFC 7518 §3.4). Anyone verifies it with jose or any other library.
 */
import { base64url } from "../crypto/random.ts";

export type JwsAlg = "ES256" | "RS256";

/** The WebCrypto signing algorithm for each JWS `alg` (RFC 7518 §3.3, §3.4). */
const SUBTLE: Record<JwsAlg, SubtleCryptoSignAlgorithm> = {
  ES256: { name: "ECDSA", hash: "SHA-256" },
  RS256: { name: "RSASSA-PKCS1-v1_5" },
};

const encoder = new TextEncoder();

/** base64url of the UTF-8 JSON of `value`: one segment of a compact JWS. */
export const jsonSegment = (value: unknown): string =>
  base64url(encoder.encode(JSON.stringify(value)));

/**
 * A signer for one key: `sign(typ, payload)` returns the compact JWS. The protected header is
 * `{ alg, kid, typ }`, encoded once per `typ`.
 */
export function compactSigner(key: { alg: JwsAlg; kid: string; key: CryptoKey }) {
  const headers = new Map<string, string>();
  const header = (typ: string) => {
    let segment = headers.get(typ);
    if (segment === undefined) {
      segment = jsonSegment({ alg: key.alg, kid: key.kid, typ });
      headers.set(typ, segment);
    }
    return segment;
  };
  return async (typ: string, payload: Record<string, unknown>): Promise<string> => {
    const input = `${header(typ)}.${jsonSegment(payload)}`;
    const signature = await crypto.subtle.sign(SUBTLE[key.alg], key.key, encoder.encode(input));
    return `${input}.${base64url(new Uint8Array(signature))}`;
  };
}
