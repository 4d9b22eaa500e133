/**
 * Password hashing: Argon2id from @noble/hashes (pure JS, runs in workerd), keyed with the
 * pepper as Argon2's secret input and stored as a PHC string,
 * `$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`. The pepper is never stored, so a leaked
 * accounts database alone cannot be attacked offline.
 *
 * Passwords are hashed as typed after Unicode NFKC and nothing else: no trimming, no case
 * folding, no truncation, so every character counts and the same password typed on another
 * keyboard or platform (composed or decomposed "ñ", the "ﬁ" ligature) still verifies.
 */
import { argon2idAsync } from "@noble/hashes/argon2.js";
import type { Random } from "../../crypto/random.ts";

/** Argon2 costs: memory in KiB, passes, lanes. */
export type Argon2Params = { m: number; t: number; p: number };

/**
 * OWASP's recommended Argon2id configuration: 19 MiB, 2 passes, 1 lane.
 *
 * @example await hashPassword("correct horse battery staple", pepper, OWASP_ARGON2, cryptoRandom)
 */
export const OWASP_ARGON2: Argon2Params = { m: 19456, t: 2, p: 1 };

const SALT_BYTES = 16;
const HASH_BYTES = 32;
const ARGON2_VERSION = 19;
/** Below 128 bits the pepper is a configuration mistake, not a secret. */
const MIN_PEPPER_BYTES = 16;
/** Hand the event loop back this often (ms), so one hash does not stall the isolate's I/O. */
const ASYNC_TICK_MS = 10;

/**
 * Bounds a stored string must respect before we spend anything on it. A corrupted or forged
 * row must not make one verification allocate more than an isolate's 128 MB or spin for
 * seconds: 64 MiB (the most ARGON2_MEMORY_KIB allows), 10 passes, 4 lanes.
 */
const LIMITS = { m: 65536, t: 10, p: 4, saltBytes: [8, 64], hashBytes: [16, 64] } as const;

const PHC =
  /^\$argon2id\$v=19\$m=([1-9]\d{0,5}),t=([1-9]\d?),p=([1-9])\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

const encoder = new TextEncoder();

/**
 * The form a password is hashed in: Unicode NFKC, nothing else.
 *
 * @example normalisePassword("ﬁesta") // "fiesta"
 */
export function normalisePassword(password: string): string {
  return password.normalize("NFKC");
}

/**
 * Hashes a new password with a fresh 16-byte salt, as a PHC string to store.
 *
 * @example
 * const stored = await hashPassword("correct horse battery staple", pepper, OWASP_ARGON2, cryptoRandom);
 * // "$argon2id$v=19$m=19456,t=2,p=1$…$…"
 */
export async function hashPassword(
  password: string,
  pepper: Uint8Array,
  params: Argon2Params,
  random: Random,
): Promise<string> {
  // Never write a row parsePhc would refuse: that password could not be verified again.
  if (!saneParams(params)) throw new RangeError("Argon2 costs outside the bounds of a stored row");
  const salt = random.bytes(SALT_BYTES);
  const hash = await derive(password, pepper, salt, params, HASH_BYTES);
  return formatPhc(params, salt, hash);
}

/**
 * The parts of a stored Argon2id PHC string, or null when it is not one we made: another
 * algorithm or version, extra or missing fields, non-canonical numbers or base64, or costs
 * outside the bounds a healthy row can have.
 *
 * @example parsePhc("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$…") // { params, salt, hash }
 */
export function parsePhc(
  stored: string,
): { params: Argon2Params; salt: Uint8Array; hash: Uint8Array } | null {
  // Numbers as PHC writes them, decimal without leading zeros: "m=019456" is not a row we wrote.
  const match = PHC.exec(stored);
  if (!match) return null;
  const [, m, t, p, saltText, hashText] = match;
  const params = { m: Number(m), t: Number(t), p: Number(p) };
  if (!saneParams(params)) return null;
  const salt = fromBase64(saltText);
  const hash = fromBase64(hashText);
  if (!salt || !within(salt.length, LIMITS.saltBytes)) return null;
  if (!hash || !within(hash.length, LIMITS.hashBytes)) return null;
  return { params, salt, hash };
}

/**
 * Checks `password` against a stored PHC string, recomputing with the stored costs and
 * comparing in constant time. `rehash` is true when the password is right but the stored hash
 * was made with other costs or sizes than `current`: store `hashPassword(…, current, …)` then.
 * A malformed stored string is a plain mismatch, costing nothing; callers that must not reveal
 * whether a citizen has a password verify against `dummyHash` instead.
 *
 * @example
 * const { ok, rehash } = await verifyPassword(stored, typed, pepper, OWASP_ARGON2);
 */
export async function verifyPassword(
  stored: string,
  password: string,
  pepper: Uint8Array,
  current: Argon2Params,
): Promise<{ ok: boolean; rehash: boolean }> {
  const parsed = parsePhc(stored);
  if (!parsed) return { ok: false, rehash: false };
  const { params, salt, hash } = parsed;
  const computed = await derive(password, pepper, salt, params, hash.length);
  const ok = constantTimeEqualBytes(computed, hash);
  const outdated =
    params.m !== current.m ||
    params.t !== current.t ||
    params.p !== current.p ||
    salt.length !== SALT_BYTES ||
    hash.length !== HASH_BYTES;
  return { ok, rehash: ok && outdated };
}

/** 16 and 32 fixed bytes, random-looking: the salt and hash of the decoy below. */
const DUMMY_SALT = "7Xm58cZKTrlVKz9JdAbkWA";
const DUMMY_HASH = "tM5UctDK+1w3Lw/M6M9ixI/784eN5xOWObiSTkKPOAA";

/**
 * A well-formed PHC string with `params` that no password matches in practice (its hash is
 * random bytes, not a derivation). Verifying an unknown citizen's attempt against it costs the
 * same hashing as a real verification, so the answer's timing does not reveal the account.
 *
 * @example await verifyPassword(dummyHash(OWASP_ARGON2), typed, pepper, OWASP_ARGON2) // { ok: false, … }
 */
export function dummyHash(params: Argon2Params): string {
  return `$argon2id$v=${ARGON2_VERSION}$m=${params.m},t=${params.t},p=${params.p}$${DUMMY_SALT}$${DUMMY_HASH}`;
}

async function derive(
  password: string,
  pepper: Uint8Array,
  salt: Uint8Array,
  params: Argon2Params,
  length: number,
): Promise<Uint8Array> {
  if (pepper.length < MIN_PEPPER_BYTES) {
    throw new RangeError(`the pepper must be at least ${MIN_PEPPER_BYTES} bytes`);
  }
  const input = encoder.encode(normalisePassword(password));
  try {
    return await argon2idAsync(input, salt, {
      ...params,
      dkLen: length,
      key: pepper,
      asyncTick: ASYNC_TICK_MS,
      maxmem: LIMITS.m * 1024,
    });
  } finally {
    // noble wipes the copies it makes of strings, not our bytes: do it ourselves.
    input.fill(0);
  }
}

function formatPhc(params: Argon2Params, salt: Uint8Array, hash: Uint8Array): string {
  const costs = `m=${params.m},t=${params.t},p=${params.p}`;
  return `$argon2id$v=${ARGON2_VERSION}$${costs}$${toBase64(salt)}$${toBase64(hash)}`;
}

function saneParams({ m, t, p }: Argon2Params): boolean {
  const integers = Number.isInteger(m) && Number.isInteger(t) && Number.isInteger(p);
  // Argon2 itself needs at least 8 KiB per lane.
  return (
    integers && t >= 1 && t <= LIMITS.t && p >= 1 && p <= LIMITS.p && m >= 8 * p && m <= LIMITS.m
  );
}

const within = (n: number, [min, max]: readonly [number, number]): boolean => n >= min && n <= max;

/** PHC's base64: the standard alphabet without padding. */
function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/=+$/, "");
}

/** Strict inverse of `toBase64`: anything that would not re-encode to the same text is null. */
function fromBase64(text: string | undefined): Uint8Array | null {
  if (text === undefined || text.length % 4 === 1) return null;
  const binary = atob(text.padEnd(Math.ceil(text.length / 4) * 4, "="));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return toBase64(bytes) === text ? bytes : null;
}

/** True when both byte strings are equal; runs over the longer length whatever the content. */
function constantTimeEqualBytes(a: Uint8Array, b: Uint8Array): boolean {
  const length = Math.max(a.length, b.length);
  let diff = a.length ^ b.length;
  for (let i = 0; i < length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}
