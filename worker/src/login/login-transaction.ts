/**
 * A login transaction as a state machine: what the citizen has done so far in one login, and
 * the transaction-level rules (lifetime, resend cool-down, SMS fallback wait, PIN requests per
 * transaction). These rules depend only on the transaction, never on whether the citizen
 * exists, so the answers they give cannot be used to enumerate citizens.
 *
 * The LoginObject persists one of these per transaction; the OpenID Connect issue adds the
 * authorization request and the code to the same record.
 */
import type { AssuranceLevel, RegistrationLevel } from "../assurance/levels.ts";
import type { PinChannel } from "../methods/pin/pin-challenge.ts";

export type Authentication = {
  citizenId: string;
  method: "pin";
  amr: string[];
  acr: AssuranceLevel;
  authTime: number;
};

export type LoginStep =
  | { kind: "started" }
  | {
      kind: "pin_sent";
      /** Key of the CitizenObject holding the PIN: the citizen id, or a decoy key. */
      citizenKey: string;
      /**
       * The citizen's registration level when the PIN was sent (null for a decoy), so that
       * verifying needs no second account lookup. Suspending a citizen must therefore also
       * kill their live PIN in the CitizenObject (registration issue).
       */
      registration: RegistrationLevel | null;
      channel: PinChannel;
      sentAt: number;
    }
  | ({ kind: "authenticated" } & Authentication);

export type LoginTransaction = {
  id: string;
  createdAt: number;
  expiresAt: number;
  pinRequests: number;
  step: LoginStep;
};

export type LoginPolicy = {
  resendCooldownMs: number;
  smsFallbackAfterMs: number;
  maxRequestsPerLogin: number;
};

export type LoginRefusal =
  | { reason: "login_expired" | "already_authenticated" | "no_pin_requested" }
  | { reason: "too_many_pin_requests" }
  | { reason: "resend_cooldown" | "sms_fallback_not_yet"; retryAt: number };

type Result<T> = ({ ok: true } & T) | ({ ok: false } & LoginRefusal);

export const startLogin = (id: string, now: number, ttlMs: number): LoginTransaction => ({
  id,
  createdAt: now,
  expiresAt: now + ttlMs,
  pinRequests: 0,
  step: { kind: "started" },
});

function usable(tx: LoginTransaction, now: number): LoginRefusal | null {
  if (now >= tx.expiresAt) return { reason: "login_expired" };
  if (tx.step.kind === "authenticated") return { reason: "already_authenticated" };
  return null;
}

/**
 * Records a "Get PIN". A first PIN may go by either channel; after an app PIN, an SMS is
 * allowed only once the fallback wait has passed, and any resend waits out the cool-down.
 */
export function requestPin(
  tx: LoginTransaction,
  input: {
    citizenKey: string;
    registration: RegistrationLevel | null;
    channel: PinChannel;
    now: number;
  },
  policy: LoginPolicy,
): Result<{ tx: LoginTransaction }> {
  const refusal = usable(tx, input.now);
  if (refusal) return { ok: false, ...refusal };
  if (tx.pinRequests >= policy.maxRequestsPerLogin) {
    return { ok: false, reason: "too_many_pin_requests" };
  }
  if (tx.step.kind === "pin_sent") {
    const fallback = tx.step.channel === "app" && input.channel === "sms";
    const wait = fallback ? policy.smsFallbackAfterMs : policy.resendCooldownMs;
    const retryAt = tx.step.sentAt + wait;
    if (input.now < retryAt) {
      return {
        ok: false,
        reason: fallback ? "sms_fallback_not_yet" : "resend_cooldown",
        retryAt,
      };
    }
  }
  return {
    ok: true,
    tx: {
      ...tx,
      pinRequests: tx.pinRequests + 1,
      step: {
        kind: "pin_sent",
        citizenKey: input.citizenKey,
        registration: input.registration,
        channel: input.channel,
        sentAt: input.now,
      },
    },
  };
}

/** Which citizen object a PIN submission must be checked against. */
export function pinTarget(
  tx: LoginTransaction,
  now: number,
): Result<{ citizenKey: string; registration: RegistrationLevel | null }> {
  const refusal = usable(tx, now);
  if (refusal) return { ok: false, ...refusal };
  if (tx.step.kind !== "pin_sent") return { ok: false, reason: "no_pin_requested" };
  return { ok: true, citizenKey: tx.step.citizenKey, registration: tx.step.registration };
}

/** Marks the transaction authenticated; only from `pin_sent`, and only once. */
export function authenticate(
  tx: LoginTransaction,
  auth: Authentication,
  now: number,
): Result<{ tx: LoginTransaction }> {
  const target = pinTarget(tx, now);
  if (!target.ok) return target;
  // A PIN requested for another document in the meantime moved the transaction on.
  if (target.citizenKey !== auth.citizenId) return { ok: false, reason: "no_pin_requested" };
  return { ok: true, tx: { ...tx, step: { kind: "authenticated", ...auth } } };
}
