/**
 * The guard in front of a citizen's password, as pure transitions over plain data (the
 * CitizenObject loads, applies and saves). An attempt is counted before the password is hashed
 * and compared — as a failure, both here and on the account-wide counter the PIN method keeps —
 * and given back when it turns out right. So however many requests race, at most
 * `maxFailures` guesses are compared before the password pauses.
 *
 * A pause is never a block (docs/password.md "Wrong passwords"): after `maxFailures`
 * consecutive wrong passwords the password pauses for `pauseMs`, doubling with every further
 * wrong one up to `pauseMaxMs`, and the count decays as the account-wide counter does. Anyone
 * who knows a document number can cause a pause, nobody can force a citizen into re-activating
 * the password with a letter. The account-wide hard stop and back-off apply as for PINs
 * (SECURITY.md "One-time secrets", "Passwords", "Login transactions and accounts").
 */
import {
  backoffUntil,
  type CitizenPinState,
  effectiveFailures,
  lockedUntil,
  type PinPolicy,
  withFailure,
} from "../pin/pin-challenge.ts";

export type PasswordGuard = {
  /** Consecutive failures, counting attempts still being checked. */
  consecutive: number;
  /** When the last failure was counted; absent on guards stored before pauses existed. */
  lastFailureAt?: number | null;
  /**
   * When the password first paused in this run of failures (the notice goes out then), or
   * null. On guards stored before pauses existed, when it was blocked.
   */
  blockedAt: number | null;
};

export const emptyGuard = (): PasswordGuard => ({
  consecutive: 0,
  lastFailureAt: null,
  blockedAt: null,
});

export type GuardPolicy = {
  maxFailures: number;
  /** The first pause, doubled with every further failure up to `pauseMaxMs`. */
  pauseMs: number;
  pauseMaxMs: number;
  account: PinPolicy;
};

export type GuardRefusal =
  | { outcome: "paused"; until: number }
  | { outcome: "locked"; until: number }
  | { outcome: "backoff"; retryAt: number };

export type ReserveResult =
  | {
      outcome: "reserved";
      guard: PasswordGuard;
      account: CitizenPinState;
      /** Tries left before a pause if this attempt turns out wrong. */
      triesLeft: number;
    }
  | GuardRefusal;

/** The guard's failures that still count at `now` (they decay as the account's do). */
export function guardFailures(guard: PasswordGuard, now: number, policy: GuardPolicy): number {
  const lastFailureAt = guard.lastFailureAt ?? guard.blockedAt;
  return effectiveFailures(
    { consecutive: guard.consecutive, lastFailureAt },
    now,
    policy.account.failures,
  );
}

/** When the password's pause ends, or null when it is not paused at `now`. */
export function pausedUntil(guard: PasswordGuard, now: number, policy: GuardPolicy): number | null {
  const counted = guardFailures(guard, now, policy);
  const since = guard.lastFailureAt ?? guard.blockedAt;
  if (counted < policy.maxFailures || since === null) return null;
  const doublings = Math.min(counted - policy.maxFailures, 30);
  const until = since + Math.min(policy.pauseMs * 2 ** doublings, policy.pauseMaxMs);
  return now < until ? until : null;
}

/** Counts the attempt as failed, before any hashing; refuses when no attempt may be made. */
export function reserveTry(
  guard: PasswordGuard,
  account: CitizenPinState,
  now: number,
  policy: GuardPolicy,
): ReserveResult {
  const locked = lockedUntil(account.failures, now, policy.account);
  if (locked !== null) return { outcome: "locked", until: locked };
  const paused = pausedUntil(guard, now, policy);
  if (paused !== null) return { outcome: "paused", until: paused };
  const retryAt = backoffUntil(account.failures, now, policy.account);
  if (retryAt !== null && now < retryAt) return { outcome: "backoff", retryAt };
  const counted = guardFailures(guard, now, policy);
  const consecutive = counted + 1;
  return {
    outcome: "reserved",
    guard: {
      consecutive,
      lastFailureAt: now,
      // A run of failures that decayed below the pause starts afresh, and is told afresh.
      blockedAt: counted < policy.maxFailures ? null : guard.blockedAt,
    },
    account: { ...account, failures: withFailure(account.failures, now, policy.account.failures) },
    triesLeft: Math.max(0, policy.maxFailures - consecutive),
  };
}

export type SettleResult = {
  guard: PasswordGuard;
  account: CitizenPinState;
  /** Set once per run of failures, for the failure that paused the password: notify then. */
  blockedNow: boolean;
  /** When the pause this failure started ends, or null when it started none. */
  pausedUntil: number | null;
  /** When this failure reached the account-wide hard stop, when it lifts; else null. */
  lockedUntil: number | null;
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
  const unchanged = { blockedNow: false, pausedUntil: null, lockedUntil: null };
  if (input.ok === null) {
    const less = (n: number) => Math.max(0, n - 1);
    return {
      ...unchanged,
      guard: { ...guard, consecutive: less(guard.consecutive) },
      account: {
        ...account,
        failures: { ...account.failures, consecutive: less(account.failures.consecutive) },
      },
    };
  }
  if (input.ok) {
    // The right password vouches for the password failures before it (typos), not for the
    // failures of PINs and SMS codes: those stay counted, so knowing the password does not
    // reset the back-off that guards the second factor.
    const left = Math.max(0, account.failures.consecutive - guard.consecutive);
    return {
      ...unchanged,
      guard: emptyGuard(),
      account: {
        ...account,
        failures: {
          consecutive: left,
          lastFailureAt: left > 0 ? account.failures.lastFailureAt : null,
        },
      },
    };
  }
  const paused = pausedUntil(guard, input.now, policy);
  const blockedNow = paused !== null && guard.blockedAt === null;
  const locked = lockedUntil(account.failures, input.now, policy.account);
  return {
    guard: blockedNow ? { ...guard, blockedAt: input.now } : guard,
    account,
    blockedNow,
    pausedUntil: paused,
    lockedUntil: account.failures.consecutive === policy.account.failures.hardStop ? locked : null,
  };
}
