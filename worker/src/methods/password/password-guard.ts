/**
 * The guard in front of a citizen's password, as pure transitions over plain data (the
 * CitizenObject loads, applies and saves). An attempt is counted before the password is hashed
 * and compared — as a failure, both here and on the account-wide counter the PIN method keeps —
 * and given back when it turns out right. So however many requests race, at most
 * `maxFailures` guesses are ever compared, and a blocked password costs no hashing at all.
 *
 * A blocked password stays blocked until the citizen sets a password again with an activation
 * code (`reset`); the account-wide hard stop and back-off apply as for PINs (SECURITY.md
 * "One-time secrets", "Passwords").
 */
import {
  backoffUntil,
  type CitizenPinState,
  isLocked,
  type PinPolicy,
} from "../pin/pin-challenge.ts";

export type PasswordGuard = {
  /** Consecutive failures, counting attempts still being checked. */
  consecutive: number;
  /** When the password was blocked (the notice goes out once), or null. */
  blockedAt: number | null;
};

export const emptyGuard = (): PasswordGuard => ({ consecutive: 0, blockedAt: null });

export type GuardPolicy = { maxFailures: number; account: PinPolicy };

export type ReserveResult =
  | {
      outcome: "reserved";
      guard: PasswordGuard;
      account: CitizenPinState;
      /** Tries left if this attempt turns out wrong. */
      triesLeft: number;
    }
  | { outcome: "blocked" | "locked" }
  | { outcome: "backoff"; retryAt: number };

export const isBlocked = (guard: PasswordGuard, policy: GuardPolicy): boolean =>
  guard.consecutive >= policy.maxFailures;

/** Counts the attempt as failed, before any hashing; refuses when no attempt may be made. */
export function reserveTry(
  guard: PasswordGuard,
  account: CitizenPinState,
  now: number,
  policy: GuardPolicy,
): ReserveResult {
  if (isLocked(account, policy.account)) return { outcome: "locked" };
  if (isBlocked(guard, policy)) return { outcome: "blocked" };
  const retryAt = backoffUntil(account.failures, policy.account);
  if (retryAt !== null && now < retryAt) return { outcome: "backoff", retryAt };
  const consecutive = guard.consecutive + 1;
  return {
    outcome: "reserved",
    guard: { ...guard, consecutive },
    account: {
      ...account,
      failures: { consecutive: account.failures.consecutive + 1, lastFailureAt: now },
    },
    triesLeft: policy.maxFailures - consecutive,
  };
}

export type SettleResult = {
  guard: PasswordGuard;
  account: CitizenPinState;
  /** True once, for the failure that blocked the password: the moment to notify. */
  blockedNow: boolean;
  /** True when this failure reached the account-wide hard stop. */
  lockedNow: boolean;
};

/**
 * The attempt's outcome: a right password clears both counters; a wrong one stays counted;
 * `null` (never compared, e.g. the hashing gate was full) gives the reserved try back.
 */
export function settleTry(
  guard: PasswordGuard,
  account: CitizenPinState,
  input: { ok: boolean | null; now: number },
  policy: GuardPolicy,
): SettleResult {
  if (input.ok === null) {
    const less = (n: number) => Math.max(0, n - 1);
    return {
      guard: { ...guard, consecutive: less(guard.consecutive) },
      account: {
        ...account,
        failures: { ...account.failures, consecutive: less(account.failures.consecutive) },
      },
      blockedNow: false,
      lockedNow: false,
    };
  }
  if (input.ok) {
    // The right password vouches for the password failures before it (typos), not for the
    // failures of PINs and SMS codes: those stay counted, so knowing the password does not
    // reset the back-off that guards the second factor.
    const left = Math.max(0, account.failures.consecutive - guard.consecutive);
    return {
      guard: emptyGuard(),
      account: {
        ...account,
        failures: {
          consecutive: left,
          lastFailureAt: left > 0 ? account.failures.lastFailureAt : null,
        },
      },
      blockedNow: false,
      lockedNow: false,
    };
  }
  const blockedNow = isBlocked(guard, policy) && guard.blockedAt === null;
  return {
    guard: blockedNow ? { ...guard, blockedAt: input.now } : guard,
    account,
    blockedNow,
    lockedNow: account.failures.consecutive === policy.account.failures.hardStop,
  };
}
