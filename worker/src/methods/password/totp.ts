/**
 * The citizen app's step-up codes (RFC 6238 TOTP), the second factor of the password method
 * beside the SMS code (docs/password.md "The code from the app"). Each device gets its own
 * seed when it is activated: 20 bytes from the Random port, answered once to the app and
 * stored sealed (AES-GCM under a key HKDF derives from PASSWORD_PEPPER, info "llave-totp",
 * crypto/secret-box.ts), bound to its device row.
 *
 * The parameters are RFC 6238's interoperable defaults, so any authenticator computes the same
 * codes. otpauth (hectorm/otpauth) does the HOTP arithmetic on both sides, the app's and this
 * one; here it only lists the codes the window allows, and the citizen's object decides
 * (totp-check.ts), so no seed ever reaches a Durable Object. The worker takes otpauth's bare
 * build with HMAC-SHA-1 from the @noble/hashes it already ships for Argon2id: the full build
 * would add every SHA-2 and SHA-3 variant to a bundle that has a budget.
 */
import { hmac } from "@noble/hashes/hmac.js";
import { sha1 } from "@noble/hashes/legacy.js";
import { HOTP, Secret, TOTP } from "otpauth/bare";
import type { AppDeps } from "../../app.ts";
import { type SecretBox, secretBox } from "../../crypto/secret-box.ts";

/** SHA-1, 6 digits, 30 s: what RFC 6238 and every authenticator app assume. */
export const TOTP_PARAMS = { algorithm: "SHA1", digits: 6, period: 30 } as const;
/** Steps accepted either side of the server's: ±1 (RFC 6238 §5.2, one step of drift). */
export const TOTP_WINDOW = 1;
/** 160 bits: the HMAC-SHA-1 block's worth that RFC 4226 §4 recommends. */
const SEED_BYTES = 20;

/** What the registration answer carries, once: enough to set up any authenticator. */
export type TotpSetup = {
  /** The seed in base32 (RFC 4648, no padding), as otpauth:// URIs carry it. */
  secret: string;
  algorithm: typeof TOTP_PARAMS.algorithm;
  digits: typeof TOTP_PARAMS.digits;
  period: typeof TOTP_PARAMS.period;
};

/** A code the window allows now: the device that shows it and the time step it belongs to. */
export type TotpCandidate = { deviceId: string; step: number; code: string };

/** RFC 4226's HMAC-SHA-1, the only algorithm these codes use (synchronous, as otpauth needs). */
function hmacSha1(algorithm: string, key: Uint8Array, message: Uint8Array): Uint8Array {
  if (algorithm.toUpperCase() !== TOTP_PARAMS.algorithm) {
    throw new Error(`TOTP algorithm ${algorithm} is not supported`);
  }
  return hmac(sha1, key, message);
}

/** The box device seeds are sealed in: its own key, derived from the password pepper. */
export const totpBox = (deps: Pick<AppDeps, "config" | "random">): SecretBox =>
  secretBox(deps.config.password.pepper, "llave-totp", deps.random);

/** Where a seed is stored: the additional data that binds it to its device row. */
const context = (deviceId: string) => `llave-totp\ndevice\n${deviceId}`;

/** A new device's seed: sealed for its row, and the setup to answer once. */
export async function newTotpSeed(
  deps: Pick<AppDeps, "config" | "random">,
  deviceId: string,
): Promise<{ sealed: string; setup: TotpSetup }> {
  const seed = new Uint8Array(deps.random.bytes(SEED_BYTES));
  const sealed = await totpBox(deps).seal(seed, context(deviceId));
  return { sealed, setup: { secret: new Secret({ buffer: seed.buffer }).base32, ...TOTP_PARAMS } };
}

/** A stored seed back in bytes; null when it does not open (altered, moved, another pepper). */
export const openTotpSeed = (box: SecretBox, deviceId: string, sealed: string) =>
  box.open(sealed, context(deviceId));

/** The time step `now` (epoch milliseconds) falls in. */
export const totpStep = (now: number): number =>
  TOTP.counter({ period: TOTP_PARAMS.period, timestamp: now });

/** Every code the devices' seeds show within the window around `now`, oldest step first. */
export function totpCandidates(
  seeds: { deviceId: string; seed: Uint8Array }[],
  now: number,
): TotpCandidate[] {
  const current = totpStep(now);
  const { algorithm, digits } = TOTP_PARAMS;
  const candidates: TotpCandidate[] = [];
  for (const { deviceId, seed } of seeds) {
    const secret = new Secret({ buffer: new Uint8Array(seed).buffer });
    for (let step = current - TOTP_WINDOW; step <= current + TOTP_WINDOW; step++) {
      const code = HOTP.generate({ secret, algorithm, digits, counter: step, hmac: hmacSha1 });
      candidates.push({ deviceId, step, code });
    }
  }
  return candidates;
}
