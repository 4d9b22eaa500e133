/**
 * A login transaction as a state machine: what the citizen has done so far in one login, and
 * the transaction-level rules (lifetime, resend cool-down, SMS fallback wait, PIN requests per
 * transaction). These rules depend only on the transaction, never on whether the citizen
 * exists, so the answers they give cannot be used to enumerate citizens.
 *
 * The LoginObject persists one of these per transaction, together with the OpenID Connect
 * authorization request that started it and, once authenticated, the code and what it granted
 * (oidc/authorization-grant.ts holds those transitions).
 */
import type { AssuranceLevel, RegistrationLevel } from "../assurance/levels.ts";
import type { PinChannel } from "../methods/pin/pin-challenge.ts";
import type { Grant, IssuedCode } from "../oidc/authorization-grant.ts";
import type { AuthorizationRequest } from "../oidc/authorization-request.ts";
import type { BackchannelRequest } from "../oidc/backchannel-grant.ts";
import type { MobileMode, MobileStep } from "./mobile-steps.ts";
import type { PasswordStep } from "./password-steps.ts";

export type Authentication = {
  citizenId: string;
  method: "pin" | "password" | "mobile";
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
  | PasswordStep
  | MobileStep
  | ({ kind: "authenticated" } & Authentication);

export type LoginTransaction = {
  id: string;
  createdAt: number;
  expiresAt: number;
  pinRequests: number;
  /** SMS codes of the password method sent in this login (step-up and activation). */
  otpRequests?: number;
  /** QR codes and push requests started in this login (mobile-steps.ts). */
  mobileRequests?: number;
  /** Bumped on every change of the mobile method's state: what the page's long poll waits on. */
  mobileVersion?: number;
  /** The mobile mode last started, so that an approved login still says how. */
  mobileMode?: MobileMode;
  step: LoginStep;
  /** The agency's request, when the login started at /authorize (null for a bare API login). */
  authorization: AuthorizationRequest | null;
  /** Digest of the cookie that binds this transaction to the browser that started it. */
  browser: string | null;
  /** The single sign-on session the code was issued in. */
  sid: string | null;
  code: IssuedCode | null;
  grant: Grant | null;
  /** Set when an agency's backend started the login (CIBA): its auth_req_id and polling. */
  ciba?: BackchannelRequest;
};

export type LoginPolicy = {
  resendCooldownMs: number;
  smsFallbackAfterMs: number;
  maxRequestsPerLogin: number;
};

export type LoginRefusal =
  | {
      reason:
        | "login_expired"
        | "already_authenticated"
        | "no_pin_requested"
        | "no_otp_requested"
        | "no_password_change"
        | "no_activation"
        | "login_ended";
    }
  | { reason: "too_many_pin_requests" }
  | { reason: "resend_cooldown" | "sms_fallback_not_yet"; retryAt: number };

export type Result<T> = ({ ok: true } & T) | ({ ok: false } & LoginRefusal);

/** What an authorization request brings to a new transaction. */
export type LoginOrigin = { authorization: AuthorizationRequest; browser: string | null };

export const startLogin = (
  id: string,
  now: number,
  ttlMs: number,
  origin: LoginOrigin | null = null,
): LoginTransaction => ({
  id,
  createdAt: now,
  expiresAt: now + ttlMs,
  pinRequests: 0,
  step: { kind: "started" },
  authorization: origin?.authorization ?? null,
  browser: origin?.browser ?? null,
  sid: null,
  code: null,
  grant: null,
});

/**
 * A transaction authenticated from the start, by a single sign-on session that satisfies the
 * request (no credential entered this time; `auth_time` stays the session's).
 */
export const startFromSession = (
  id: string,
  now: number,
  ttlMs: number,
  origin: LoginOrigin,
  auth: Authentication,
): LoginTransaction => ({
  ...startLogin(id, now, ttlMs, origin),
  step: { kind: "authenticated", ...auth },
});

export function usable(tx: LoginTransaction, now: number): LoginRefusal | null {
  if (now >= tx.expiresAt) return { reason: "login_expired" };
  if (tx.step.kind === "authenticated") return { reason: "already_authenticated" };
  // Declined, reported or a wrong number in the app: the login can only be cancelled now.
  if (tx.step.kind === "mobile_ended") return { reason: "login_ended" };
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
