/**
 * The PIN challenge of one citizen as a state machine: pure transitions over plain data, so
 * that every rule (single use, expiry by timestamp, tries per PIN, account-wide failures with
 * back-off and a hard stop that decay, send limits) is unit-tested without storage, and the
 * CitizenObject only loads, applies and saves.
 *
 * No lockout is for good (SECURITY.md "Login transactions and accounts"): the account-wide
 * counter is read through `effectiveFailures`, which forgives one failure for every full
 * `decayMs` without one, so the hard stop lifts `decayMs` after the last failure, computed
 * from the stored timestamp alone; a success, a login with the Llave app, or an operator's
 * unlock (`clearFailures`) lift it at once.
 *
 * One citizen has at most one live PIN: issuing a new one (a resend, another transaction, the
 * SMS fallback) supersedes the previous, and never resets the account-wide failure counter
 * (NIST SP 800-63B-4 3.1.3; SECURITY.md "One-time secrets").
 */
import { constantTimeEqual } from "../../crypto/constant-time.ts";

export type PinChannel = "app" | "sms";

/**
 * What a one-time secret is for: a login PIN, the SMS code of the password method (step-up
 * and activation), or the SMS code that activates the citizen app on a device. They share this machine and its counters; the purpose keeps one from being
 * accepted as the other.
 */
export type SecretPurpose = "pin" | "otp" | "device";

export type PinChallenge =
  | {
      status: "active";
      loginId: string;
      /** Absent on challenges stored before purposes existed: those are PINs. */
      purpose?: SecretPurpose;
      digest: string;
      channel: PinChannel;
      personalised: boolean;
      issuedAt: number;
      expiresAt: number;
      triesLeft: number;
    }
  | { status: "used"; loginId: string; expiresAt: number }
  | { status: "dead"; loginId: string; expiresAt: number };

export type FailureCounter = { consecutive: number; lastFailureAt: number | null };

export type CitizenPinState = {
  /** A decoy stands in for an unknown citizen so that answers cannot tell the two apart. */
  decoy: boolean;
  challenge: PinChallenge | null;
  failures: FailureCounter;
  /** When PINs were sent during the last hour, oldest first. */
  sends: number[];
};

/** The account-wide failure rules (config.ts FAILURE_*). */
export type FailurePolicy = {
  backoffAfter: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  hardStop: number;
  /** Every full period without a failure forgives one consecutive failure. */
  decayMs: number;
};

export type PinPolicy = {
  ttlMs: number;
  maxTries: number;
  maxSendsPerHour: number;
  failures: FailurePolicy;
};

export const emptyPinState = (decoy: boolean): CitizenPinState => ({
  decoy,
  challenge: null,
  failures: { consecutive: 0, lastFailureAt: null },
  sends: [],
});

const HOUR_MS = 3_600_000;

export const NO_FAILURES: FailureCounter = { consecutive: 0, lastFailureAt: null };

/**
 * The consecutive failures that still count at `now`: the stored count less one for every full
 * `decayMs` since the last failure. A counter is only ever written with its decay applied
 * (`withFailure`), so the stored timestamp is all the history it needs.
 *
 * When a hard stop has lifted, the count falls back to the back-off threshold rather than to
 * one below the stop: otherwise a stranger who knows the document and contrast datum could
 * keep the citizen locked with one wrong PIN a day. From there the back-off has to be waited
 * out again, failure by failure, before the stop can be reached again.
 */
export function effectiveFailures(
  failures: FailureCounter,
  now: number,
  policy: { decayMs: number; hardStop?: number; backoffAfter?: number },
): number {
  if (failures.lastFailureAt === null) return failures.consecutive;
  const forgiven = Math.floor(Math.max(0, now - failures.lastFailureAt) / policy.decayMs);
  const left = Math.max(0, failures.consecutive - forgiven);
  const { hardStop, backoffAfter } = policy;
  const lifted =
    hardStop !== undefined && failures.consecutive >= hardStop && left < hardStop && forgiven > 0;
  return lifted && backoffAfter !== undefined ? Math.min(left, backoffAfter) : left;
}

/** The counter after one more failure at `now`. */
export const withFailure = (
  failures: FailureCounter,
  now: number,
  policy: { decayMs: number; hardStop?: number; backoffAfter?: number },
): FailureCounter => ({
  consecutive: effectiveFailures(failures, now, policy) + 1,
  lastFailureAt: now,
});

/** When the back-off that the current failure count imposes ends, or null if none. */
export function backoffUntil(
  failures: FailureCounter,
  now: number,
  policy: PinPolicy,
): number | null {
  const { backoffAfter, backoffBaseMs, backoffMaxMs } = policy.failures;
  const counted = effectiveFailures(failures, now, policy.failures);
  if (failures.lastFailureAt === null || counted < backoffAfter) return null;
  const doublings = Math.min(counted - backoffAfter, 30);
  return failures.lastFailureAt + Math.min(backoffBaseMs * 2 ** doublings, backoffMaxMs);
}

/**
 * When the hard stop lifts by itself, or null when it is not reached: once enough full decay
 * periods have passed since the last failure to take the count below the stop.
 */
export function lockedUntil(
  failures: FailureCounter,
  now: number,
  policy: PinPolicy,
): number | null {
  const { hardStop, decayMs } = policy.failures;
  if (failures.lastFailureAt === null) return null;
  if (effectiveFailures(failures, now, policy.failures) < hardStop) return null;
  return failures.lastFailureAt + (failures.consecutive - hardStop + 1) * decayMs;
}

export const isLocked = (state: CitizenPinState, now: number, policy: PinPolicy): boolean =>
  lockedUntil(state.failures, now, policy) !== null;

/** Lifts every account-wide block at once (an operator's unlock, a login with the app). */
export const clearFailures = (state: CitizenPinState): CitizenPinState => ({
  ...state,
  failures: NO_FAILURES,
});

export type IssueInput = {
  loginId: string;
  purpose?: SecretPurpose;
  digest: string;
  /**
   * A digest no PIN can match (random bits), stored instead of `digest` when the send is
   * refused, so that verifying afterwards reads exactly like a wrong PIN — as it does for an
   * unknown citizen — and does not reveal that the document and datum were right.
   */
  blindDigest: string;
  channel: PinChannel;
  personalised: boolean;
  now: number;
};

export type IssueResult =
  | { outcome: "issued"; state: CitizenPinState; expiresAt: number }
  | { outcome: "refused"; reason: "locked"; state: CitizenPinState }
  /** `retryAt`: when the oldest send of the hour leaves the window and one more may go. */
  | { outcome: "refused"; reason: "send_limit"; retryAt: number; state: CitizenPinState };

/** Issues a PIN (given only as its digest), superseding any previous one. */
export function issuePin(
  state: CitizenPinState,
  input: IssueInput,
  policy: PinPolicy,
): IssueResult {
  const sends = state.sends.filter((at) => input.now - at < HOUR_MS);
  if (isLocked(state, input.now, policy)) return { outcome: "refused", reason: "locked", state };
  const limited = sends.length >= policy.maxSendsPerHour;
  const expiresAt = input.now + policy.ttlMs;
  const challenge: PinChallenge = {
    status: "active",
    loginId: input.loginId,
    purpose: input.purpose ?? "pin",
    digest: limited ? input.blindDigest : input.digest,
    channel: input.channel,
    personalised: input.personalised,
    issuedAt: input.now,
    expiresAt,
    triesLeft: policy.maxTries,
  };
  if (limited) {
    const retryAt = (sends[0] ?? input.now) + HOUR_MS;
    return {
      outcome: "refused",
      reason: "send_limit",
      retryAt,
      state: { ...state, challenge, sends },
    };
  }
  return {
    outcome: "issued",
    expiresAt,
    state: { ...state, challenge, sends: [...sends, input.now] },
  };
}

export type VerifyInput = {
  loginId: string;
  purpose?: SecretPurpose;
  digest: string;
  now: number;
};

export type VerifyResult =
  | {
      outcome: "verified";
      state: CitizenPinState;
      channel: PinChannel;
      personalised: boolean;
    }
  | {
      outcome: "wrong_pin";
      state: CitizenPinState;
      /** Tries left on this PIN; 0 means the PIN is dead and a new one is needed. */
      triesLeft: number;
      /** True when this failure reached the account-wide hard stop. */
      lockedNow: boolean;
    }
  | { outcome: "no_active_pin" | "expired"; state: CitizenPinState }
  | { outcome: "backoff"; state: CitizenPinState; retryAt: number }
  | { outcome: "locked"; state: CitizenPinState; until: number };

/**
 * Checks a submitted PIN digest. Order matters: the account-wide blocks come first so that a
 * blocked account gives no oracle on the PIN; expiry is decided from the stored timestamp, so
 * a PIN is dead after its lifetime even if no alarm ever ran.
 */
export function verifyPin(
  state: CitizenPinState,
  input: VerifyInput,
  policy: PinPolicy,
): VerifyResult {
  const until = lockedUntil(state.failures, input.now, policy);
  if (until !== null) return { outcome: "locked", state, until };
  const retryAt = backoffUntil(state.failures, input.now, policy);
  if (retryAt !== null && input.now < retryAt) return { outcome: "backoff", state, retryAt };

  const challenge = state.challenge;
  if (
    !challenge ||
    challenge.loginId !== input.loginId ||
    challenge.status !== "active" ||
    (challenge.purpose ?? "pin") !== (input.purpose ?? "pin")
  ) {
    return { outcome: "no_active_pin", state };
  }
  if (input.now >= challenge.expiresAt) {
    const dead: PinChallenge = {
      status: "dead",
      loginId: challenge.loginId,
      expiresAt: challenge.expiresAt,
    };
    return { outcome: "expired", state: { ...state, challenge: dead } };
  }
  if (constantTimeEqual(challenge.digest, input.digest)) {
    const used: PinChallenge = {
      status: "used",
      loginId: challenge.loginId,
      expiresAt: challenge.expiresAt,
    };
    return {
      outcome: "verified",
      channel: challenge.channel,
      personalised: challenge.personalised,
      state: { ...state, challenge: used, failures: NO_FAILURES },
    };
  }
  const triesLeft = challenge.triesLeft - 1;
  const failures = withFailure(state.failures, input.now, policy.failures);
  const next: PinChallenge =
    triesLeft > 0
      ? { ...challenge, triesLeft }
      : { status: "dead", loginId: challenge.loginId, expiresAt: challenge.expiresAt };
  return {
    outcome: "wrong_pin",
    triesLeft,
    lockedNow: failures.consecutive >= policy.failures.hardStop,
    state: { ...state, challenge: next, failures },
  };
}

/**
 * Housekeeping when the cleanup alarm fires: forgets challenges past their expiry and old
 * send times. Returns null when nothing is worth keeping (the object may delete its storage).
 * Idempotent: running it twice gives the same state.
 */
export function expire(state: CitizenPinState, now: number): CitizenPinState | null {
  const challenge = state.challenge && now >= state.challenge.expiresAt ? null : state.challenge;
  const sends = state.sends.filter((at) => now - at < HOUR_MS);
  const next = { ...state, challenge, sends };
  const idle = challenge === null && sends.length === 0;
  if (idle && (state.decoy || next.failures.consecutive === 0)) return null;
  return next;
}

/** When the next cleanup is due, or null when nothing will expire. */
export function nextCleanupAt(state: CitizenPinState): number | null {
  const times = [
    ...(state.challenge ? [state.challenge.expiresAt] : []),
    ...(state.sends.length > 0 ? [(state.sends[0] ?? 0) + HOUR_MS] : []),
  ];
  return times.length > 0 ? Math.min(...times) : null;
}
