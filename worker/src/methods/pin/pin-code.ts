/**
 * PIN generation and the digest under which a PIN is stored.
 *
 * A PIN is short-lived and try-capped, so a keyed hash is the right tool: HMAC-SHA256 keyed
 * with the server-side pepper, over the login transaction id, the PIN and the personal code.
 * Binding the transaction id into the digest means a PIN from transaction A can never match
 * on transaction B, and a database or storage leak without the pepper does not let anyone
 * test guesses offline.
 */
import { hmacSha256 } from "../../crypto/digest.ts";
import { type Random, randomString } from "../../crypto/random.ts";

const DIGITS = "0123456789";

/** A fresh PIN of `length` decimal digits from the CSPRNG. */
export const generatePin = (random: Random, length: number): string =>
  randomString(random, DIGITS, length);

/** The personal code as it is compared: NFKC, trimmed, upper case. */
export const normalisePersonalCode = (code: string): string =>
  code.normalize("NFKC").trim().toUpperCase();

/** A personal code is exactly 4 letters or digits (BRIEF.md "PIN"). */
export const PERSONAL_CODE = /^[\p{L}\p{N}]{4}$/u;

/**
 * The CitizenObject key standing in for an unknown document: keyed by the document (not the
 * login), so asking twice for the same unknown document finds a live object exactly as asking
 * twice for a registered citizen does, and its failure counter spans logins like a citizen's.
 * Keyed with the pepper so the key reveals nothing about the document.
 *
 * @example await decoyKey(pepper, { type: "DNI", number: "12345678Z" }) // "decoy:3q2…"
 */
export async function decoyKey(pepper: string, document: { type: string; number: string }) {
  return `${DECOY_PREFIX}${await hmacSha256(pepper, `llave-decoy\n${document.type}\n${document.number}`)}`;
}

export const DECOY_PREFIX = "decoy:";

/**
 * The stored form of a PIN.
 *
 * @example
 * await pinDigest(pepper, { loginId, pin: "482913", personalCode: "GATO" })
 */
export async function pinDigest(
  pepper: string,
  input: { loginId: string; pin: string; personalCode: string | undefined },
): Promise<string> {
  const code = input.personalCode === undefined ? "" : normalisePersonalCode(input.personalCode);
  return hmacSha256(pepper, `llave-pin\n${input.loginId}\n${input.pin}\n${code}`);
}
