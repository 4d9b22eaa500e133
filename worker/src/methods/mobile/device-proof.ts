/**
 * Device proofs: every citizen-app request is signed by the device's P-256 key as a DPoP
 * proof (RFC 9449) with server nonces, plus one claim of our own, `bh`, the SHA-256 of the
 * request body, so that what the device approves (the number, the decision) is signed too.
 * docs/mobile.md "Device proofs" is the wire contract.
 *
 * This module checks the proof's form, signature, target, age and nonce; it does not know
 * devices. The caller finds the device by the key's thumbprint and, in the citizen's object,
 * accepts each `jti` once.
 */
import { calculateJwkThumbprint, EmbeddedJWK, errors, jwtVerify } from "jose";
import { constantTimeEqual } from "../../crypto/constant-time.ts";
import { hmacSha256 } from "../../crypto/digest.ts";
import { base64url } from "../../crypto/random.ts";
import type { PublicJwk } from "../../storage/device-store.ts";

/** How far a proof's `iat` may be from the server's clock. */
const IAT_SKEW_S = 60;
/** A jti is remembered this long: past it, the proof's `iat` is out of range anyway. */
export const JTI_TTL_MS = 2 * IAT_SKEW_S * 1000;
const JTI = /^[A-Za-z0-9_-]{22,64}$/;
const NONCE = /^([0-9]{10,16})\.([A-Za-z0-9_-]{22})$/;

export type VerifiedProof = {
  thumbprint: string;
  publicKey: PublicJwk;
  jti: string;
};

export type ProofFailure = "missing" | "invalid" | "use_nonce";

export type ExpectedTarget = {
  method: string;
  /** The issuer origin and the path: what `htu` must be. */
  url: string;
  /** The raw body, or null for a request without one. */
  body: Uint8Array | null;
  now: number;
};

/**
 * A nonce is the time it was made and an HMAC of it: stateless, so any isolate can check it,
 * and short-lived, so a proof cannot be made in advance and kept (RFC 9449 section 8).
 */
export async function makeNonce(key: string, now: number): Promise<string> {
  const mac = (await hmacSha256(key, `llave-dpop-nonce\n${now}`)).slice(0, 22);
  return `${now}.${mac}`;
}

async function nonceIsFresh(key: string, nonce: unknown, now: number, ttlMs: number) {
  const match = typeof nonce === "string" ? NONCE.exec(nonce) : null;
  if (!match) return false;
  const madeAt = Number(match[1]);
  if (madeAt > now + 5_000 || now - madeAt > ttlMs) return false;
  const mac = (await hmacSha256(key, `llave-dpop-nonce\n${madeAt}`)).slice(0, 22);
  return constantTimeEqual(mac, match[2] ?? "");
}

const isPublicP256 = (jwk: unknown): jwk is PublicJwk => {
  if (typeof jwk !== "object" || jwk === null) return false;
  const k = jwk as Record<string, unknown>;
  return (
    k.kty === "EC" &&
    k.crv === "P-256" &&
    typeof k.x === "string" &&
    typeof k.y === "string" &&
    !("d" in k)
  );
};

async function bodyHash(body: Uint8Array): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest("SHA-256", body)));
}

/** Checks a `DPoP` header against the request it came with. */
export async function verifyProof(
  proof: string | undefined,
  expected: ExpectedTarget,
  nonce: { key: string; ttlMs: number },
): Promise<{ ok: true; proof: VerifiedProof } | { ok: false; reason: ProofFailure }> {
  if (!proof) return { ok: false, reason: "missing" };
  if (proof.length > 4096) return { ok: false, reason: "invalid" };
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    const verified = await jwtVerify(proof, EmbeddedJWK, {
      typ: "dpop+jwt",
      algorithms: ["ES256"],
      currentDate: new Date(expected.now),
    });
    header = verified.protectedHeader as Record<string, unknown>;
    claims = verified.payload as Record<string, unknown>;
  } catch (error) {
    if (error instanceof errors.JOSEError || error instanceof TypeError) {
      return { ok: false, reason: "invalid" };
    }
    throw error;
  }
  const jwk = header.jwk;
  if (!isPublicP256(jwk)) return { ok: false, reason: "invalid" };
  const iat = typeof claims.iat === "number" ? claims.iat : Number.NaN;
  const targetOk =
    claims.htm === expected.method &&
    claims.htu === expected.url &&
    typeof claims.jti === "string" &&
    JTI.test(claims.jti) &&
    Math.abs(iat - expected.now / 1000) <= IAT_SKEW_S;
  if (!targetOk) return { ok: false, reason: "invalid" };
  const bh = expected.body && expected.body.length > 0 ? await bodyHash(expected.body) : undefined;
  if (claims.bh !== bh) return { ok: false, reason: "invalid" };
  if (!(await nonceIsFresh(nonce.key, claims.nonce, expected.now, nonce.ttlMs))) {
    return { ok: false, reason: "use_nonce" };
  }
  const publicKey: PublicJwk = { kty: "EC", crv: "P-256", x: jwk.x, y: jwk.y };
  const thumbprint = await calculateJwkThumbprint(publicKey, "sha256");
  return { ok: true, proof: { thumbprint, publicKey, jti: claims.jti as string } };
}
