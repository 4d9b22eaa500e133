/**
 * Client secrets: 256 random bits shown to the operator once, stored only as a SHA-256 digest.
 * A fast hash is right here (unlike passwords): the secret has full entropy, so there is
 * nothing to guess, and the token endpoint must stay fast.
 */
import { constantTimeEqual } from "./constant-time.ts";
import { sha256 } from "./digest.ts";
import { type Random, randomToken } from "./random.ts";

/** A new client secret (43 base64url characters). */
export const newClientSecret = (random: Random): string => randomToken(random, 256);

/** The digest stored for `secret`. */
export const clientSecretHash = (secret: string): Promise<string> => sha256(secret);

/** True when `secret` matches one of the stored digests; compares in constant time. */
export async function clientSecretMatches(
  secret: string,
  digests: readonly (string | null)[],
): Promise<boolean> {
  const hash = await clientSecretHash(secret);
  let ok = false;
  for (const digest of digests) if (digest !== null && constantTimeEqual(hash, digest)) ok = true;
  return ok;
}
