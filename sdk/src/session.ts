/**
 * Sealed cookies: a JSON payload encrypted and authenticated with jose (`dir`, `A256GCM`) under
 * a key derived from the application's secret, with an expiry. A cookie that was altered,
 * made with another secret or has expired opens as `null`, never as partial data.
 */
import { EncryptJWT, type JWTPayload, jwtDecrypt } from "jose";
import { LlaveError } from "./errors.ts";

/**
 * A sealing key from a secret of at least 32 characters (SHA-256 of it: 256 bits for A256GCM).
 * The length is checked at once, so a misconfigured app fails at start, not at first login.
 */
export function sealingKey(secret: string): Promise<Uint8Array> {
  if (typeof secret !== "string" || secret.length < 32) {
    throw new LlaveError(
      "invalid_configuration",
      "The session secret needs at least 32 characters",
    );
  }
  return derive(secret);
}

async function derive(secret: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(secret)));
}

/** Encrypts `value` for `ttlSeconds`. */
export async function seal(
  value: JWTPayload,
  key: Uint8Array,
  ttlSeconds: number,
  now: number,
): Promise<string> {
  const iat = Math.floor(now / 1000);
  return new EncryptJWT(value)
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttlSeconds)
    .encrypt(key);
}

/** Decrypts a sealed value, or `null` when it is missing, altered, foreign or expired. */
export async function unseal<T>(
  sealed: string | undefined,
  key: Uint8Array,
  now: number,
): Promise<T | null> {
  if (!sealed) return null;
  try {
    const { payload } = await jwtDecrypt(sealed, key, {
      keyManagementAlgorithms: ["dir"],
      contentEncryptionAlgorithms: ["A256GCM"],
      currentDate: new Date(now),
    });
    return payload as T;
  } catch {
    return null;
  }
}
