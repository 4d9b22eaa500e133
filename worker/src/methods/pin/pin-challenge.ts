/**
 * The PIN challenge of one citizen as a state machine: pure transitions over plain data, so
 * that every rule (single use, expiry by timestamp, tries per PIN, account-wide failures with
 * back-off and a hard stop, send limits) is unit-tested without storage, and the
 * CitizenObject only loads, applies and saves.
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

/** When the back-off that the current failure count imposes ends, or null if none. */
export function backoffUntil(failures: FailureCounter, policy: PinPolicy): number | null {
  const { backoffAfter, backoffBaseMs, backoffMaxMs } = policy.failures;
  if (failures.lastFailureAt === null || failures.consecutive < backoffAfter) return null;
  const doublings = Math.min(failures.consecutive - backoffAfter, 30);
  return failures.lastFailureAt + Math.min(backoffBaseMs * 2 ** doublings, backoffMaxMs);
}

export const isLocked = (state: CitizenPinState, policy: PinPolicy): boolean =>
  state.failures.consecutive >= policy.failures.hardStop;

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
  if (isLocked(state, policy)) return { outcome: "refused", reason: "locked", state };
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
  | { outcome: "locked"; state: CitizenPinState };

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
  if (isLocked(state, policy)) return { outcome: "locked", state };
  const retryAt = backoffUntil(state.failures, policy);
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
      state: { ...state, challenge: used, failures: { consecutive: 0, lastFailureAt: null } },
    };
  }
  const triesLeft = challenge.triesLeft - 1;
  const failures = { consecutive: state.failures.consecutive + 1, lastFailureAt: input.now };
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
