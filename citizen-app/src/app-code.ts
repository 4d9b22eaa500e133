/**
 * The app code: six digits the citizen chooses after activation, asked to unlock the app.
 * Only PBKDF2-HMAC-SHA256(code, 16 random bytes of salt, 600,000 iterations) is stored
 * (OWASP's figure for PBKDF2-SHA256), never the code.
 *
 * Five wrong codes in a row and the device key is wiped: the citizen activates again with the
 * document and an SMS code. The count is written before a code is checked, so closing the app
 * in the middle of a check does not give a free try.
 *
 * The code guards the screens (who holding the unlocked phone may see PINs and approve); the
 * device key itself is protected by being non-extractable, not by the code.
 */
import { type LockRecord, load, save } from "./store.ts";

export const APP_CODE = /^[0-9]{6}$/;
export const MAX_UNLOCK_FAILURES = 5;
const ITERATIONS = 600_000;

async function derive(
  code: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(code),
    "PBKDF2",
    false,
    ["deriveBits"],
  );
  const bits = await crypto.subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt, iterations },
    key,
    256,
  );
  return new Uint8Array(bits);
}

const equal = (a: Uint8Array, b: Uint8Array): boolean => {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
};

/** Stores a new app code (after activation); the failure count starts at zero. */
export async function setAppCode(code: string): Promise<void> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(code, salt, ITERATIONS);
  await save("lock", { salt, hash, iterations: ITERATIONS, failures: 0 });
}

export const hasAppCode = async (): Promise<boolean> => (await load("lock")) !== undefined;

/** `wrong` with `triesLeft` 0 was the last try: the caller wipes the key. */
export type Unlock =
  | { kind: "unlocked" }
  | { kind: "wrong"; triesLeft: number }
  | { kind: "missing" };

/** Checks a code against the stored hash, counting the try first. */
export async function unlock(code: string): Promise<Unlock> {
  const lock = await load("lock");
  if (!lock) return { kind: "missing" };
  const counted: LockRecord = { ...lock, failures: lock.failures + 1 };
  await save("lock", counted);
  const hash = await derive(code, lock.salt, lock.iterations);
  if (equal(hash, lock.hash)) {
    await save("lock", { ...lock, failures: 0 });
    return { kind: "unlocked" };
  }
  return { kind: "wrong", triesLeft: Math.max(0, MAX_UNLOCK_FAILURES - counted.failures) };
}
