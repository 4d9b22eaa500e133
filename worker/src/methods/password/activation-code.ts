/**
 * Activation codes (BRIEF.md "Password"): 16 characters from an alphabet without look-alikes
 * (no 0/O, 1/I/L), 80 bits from the CSPRNG, printed in groups of four. Stored only as an
 * HMAC-SHA256 under PASSWORD_PEPPER: 80 random bits need no slow hash, and without the pepper
 * a leaked table cannot be tested offline.
 */
import { hmacSha256 } from "../../crypto/digest.ts";
import { type Random, randomString } from "../../crypto/random.ts";

export const ACTIVATION_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const LENGTH = 16;
const SHAPE = new RegExp(`^[${ACTIVATION_ALPHABET}]{${LENGTH}}$`);

/** A new code, unformatted. */
export const generateActivationCode = (random: Random): string =>
  randomString(random, ACTIVATION_ALPHABET, LENGTH);

/**
 * The code as typed → its canonical form, or null when it cannot be a code. Case, spaces and
 * dashes are ignored. @example normaliseActivationCode("abcd-efgh jkmn-pqrs") // "ABCDEFGHJKMNPQRS"
 */
export function normaliseActivationCode(typed: string): string | null {
  const code = typed.normalize("NFKC").toUpperCase().replace(/[\s-]/g, "");
  return SHAPE.test(code) ? code : null;
}

/** For letters and SMS: `ABCD-EFGH-JKMN-PQRS`. */
export const formatActivationCode = (code: string): string =>
  code.match(/.{1,4}/g)?.join("-") ?? code;

export const activationCodeDigest = (pepper: string, code: string): Promise<string> =>
  hmacSha256(pepper, `llave-activation\n${code}`);
