/**
 * The password method's steps in a login transaction (BRIEF.md "Password"), as pure
 * transitions beside login-transaction.ts:
 *
 *   started ─ password ok ─▶ authenticated                       (low is enough)
 *                        ├─▶ second_factor ─ SMS or app code ─▶ authenticated (substantial)
 *                        └─▶ change_required ─ new password ─▶ (either of the above)
 *   started ─ activation data ─▶ activation_otp ─ SMS code ─▶ choose_password ─▶ started
 *
 * A login whose single sign-on session proved only the password starts at `second_factor`
 * (authorize.ts), so stepping up never asks for the password again. The one-time codes
 * themselves live in the CitizenObject; the transaction only knows which citizen (or decoy)
 * holds the code and when it was sent, for the resend cool-down. The app's code (TOTP) is
 * never sent: it is accepted at `second_factor` whether or not an SMS code went out.
 */
import type { RegistrationLevel } from "../assurance/levels.ts";
import type { Authentication, LoginTransaction, Result } from "./login-transaction.ts";
import { usable } from "./login-transaction.ts";

/** What the password proved, carried until the second factor or the change completes. */
export type FirstFactor = { amr: string[]; authTime: number };

export type PasswordStep =
  | {
      kind: "change_required";
      citizenId: string;
      registration: RegistrationLevel;
      first: FirstFactor;
      /** The change must then go on to the second factor. */
      needsSecondFactor: boolean;
    }
  | {
      kind: "second_factor";
      citizenId: string;
      registration: RegistrationLevel;
      first: FirstFactor;
      /** When the SMS code was last sent; null until the citizen asks for it. */
      otpSentAt: number | null;
      mobileHint: string | null;
    }
  | {
      kind: "activation_otp";
      /** The citizen id, or a decoy key when the data or the code did not match. */
      citizenKey: string;
      registration: RegistrationLevel | null;
      /** The activation code that matched; null for a decoy. */
      codeId: string | null;
      otpSentAt: number;
    }
  | { kind: "choose_password"; citizenId: string; codeId: string };

export type OtpPolicy = { resendCooldownMs: number; maxRequestsPerLogin: number };

/** The password was right: on to what the login still needs. */
export function passwordAccepted(
  tx: LoginTransaction,
  input: {
    citizenId: string;
    registration: RegistrationLevel;
    first: FirstFactor;
    expired: boolean;
    needsSecondFactor: boolean;
    mobileHint: string | null;
    now: number;
  },
): Result<{ tx: LoginTransaction }> {
  const refusal = usable(tx, input.now);
  if (refusal) return { ok: false, ...refusal };
  const { citizenId, registration, first } = input;
  const step: PasswordStep = input.expired
    ? {
        kind: "change_required",
        citizenId,
        registration,
        first,
        needsSecondFactor: input.needsSecondFactor,
      }
    : {
        kind: "second_factor",
        citizenId,
        registration,
        first,
        otpSentAt: null,
        mobileHint: input.mobileHint,
      };
  return { ok: true, tx: { ...tx, step } };
}

/** After a forced change: the second factor if the login needs it. */
export function passwordChanged(
  tx: LoginTransaction,
  input: { mobileHint: string | null; now: number },
): Result<{ tx: LoginTransaction; step: "second_factor" | "done" }> {
  const refusal = usable(tx, input.now);
  if (refusal) return { ok: false, ...refusal };
  if (tx.step.kind !== "change_required") return { ok: false, reason: "no_password_change" };
  const { citizenId, registration, first, needsSecondFactor } = tx.step;
  if (!needsSecondFactor) return { ok: true, tx, step: "done" };
  return {
    ok: true,
    step: "second_factor",
    tx: {
      ...tx,
      step: {
        kind: "second_factor",
        citizenId,
        registration,
        first,
        otpSentAt: null,
        mobileHint: input.mobileHint,
      },
    },
  };
}

/** The citizen whose password must be changed now. */
export function changeTarget(
  tx: LoginTransaction,
  now: number,
): Result<{ citizenId: string; registration: RegistrationLevel }> {
  const refusal = usable(tx, now);
  if (refusal) return { ok: false, ...refusal };
  if (tx.step.kind !== "change_required") return { ok: false, reason: "no_password_change" };
  return { ok: true, citizenId: tx.step.citizenId, registration: tx.step.registration };
}

/** Activation data received: an SMS code went to the citizen, or a decoy stands in. */
export function activationStarted(
  tx: LoginTransaction,
  input: {
    citizenKey: string;
    registration: RegistrationLevel | null;
    codeId: string | null;
    now: number;
  },
  policy: OtpPolicy,
): Result<{ tx: LoginTransaction }> {
  const refusal = usable(tx, input.now);
  if (refusal) return { ok: false, ...refusal };
  const sent = tx.otpRequests ?? 0;
  if (sent >= policy.maxRequestsPerLogin) return { ok: false, reason: "too_many_pin_requests" };
  if (tx.step.kind === "activation_otp") {
    const retryAt = tx.step.otpSentAt + policy.resendCooldownMs;
    if (input.now < retryAt) return { ok: false, reason: "resend_cooldown", retryAt };
  }
  const { citizenKey, registration, codeId } = input;
  return {
    ok: true,
    tx: {
      ...tx,
      otpRequests: sent + 1,
      step: { kind: "activation_otp", citizenKey, registration, codeId, otpSentAt: input.now },
    },
  };
}

export type OtpTarget = {
  purpose: "second_factor" | "activation";
  citizenKey: string;
  registration: RegistrationLevel | null;
  mobileHint: string | null;
};

function otpTarget(tx: LoginTransaction, now: number): Result<OtpTarget> {
  const refusal = usable(tx, now);
  if (refusal) return { ok: false, ...refusal };
  if (tx.step.kind === "second_factor") {
    const { citizenId, registration, mobileHint } = tx.step;
    return { ok: true, purpose: "second_factor", citizenKey: citizenId, registration, mobileHint };
  }
  if (tx.step.kind === "activation_otp") {
    const { citizenKey, registration } = tx.step;
    return { ok: true, purpose: "activation", citizenKey, registration, mobileHint: null };
  }
  return { ok: false, reason: "no_otp_requested" };
}

/** Records a (re)send of the SMS code of the current step, after the cool-down. */
export function otpSent(
  tx: LoginTransaction,
  now: number,
  policy: OtpPolicy,
): Result<{ tx: LoginTransaction; target: OtpTarget }> {
  const target = otpTarget(tx, now);
  if (!target.ok) return target;
  const { ok: _, ...rest } = target;
  const step = tx.step;
  if (step.kind !== "second_factor" && step.kind !== "activation_otp") {
    return { ok: false, reason: "no_otp_requested" };
  }
  const sent = tx.otpRequests ?? 0;
  if (sent >= policy.maxRequestsPerLogin) return { ok: false, reason: "too_many_pin_requests" };
  if (step.otpSentAt !== null) {
    const retryAt = step.otpSentAt + policy.resendCooldownMs;
    if (now < retryAt) return { ok: false, reason: "resend_cooldown", retryAt };
  }
  return {
    ok: true,
    target: rest,
    tx: { ...tx, otpRequests: sent + 1, step: { ...step, otpSentAt: now } },
  };
}

/** Whose code a submission is checked against; only once a code was sent. */
export function otpCheckTarget(tx: LoginTransaction, now: number): Result<OtpTarget> {
  const target = otpTarget(tx, now);
  if (!target.ok) return target;
  if (tx.step.kind === "second_factor" && tx.step.otpSentAt === null) {
    return { ok: false, reason: "no_otp_requested" };
  }
  return target;
}

/**
 * Whose app code a submission is checked against: the citizen at the second factor, whether or
 * not the SMS code was sent. Activation proves the registered mobile, so it takes only the SMS.
 */
export function appCodeTarget(tx: LoginTransaction, now: number): Result<OtpTarget> {
  const target = otpTarget(tx, now);
  if (!target.ok) return target;
  if (target.purpose !== "second_factor") return { ok: false, reason: "no_otp_requested" };
  return target;
}

/**
 * The SMS code (or, `via: "app"`, the app's code) was right. Second factor: the transaction is
 * authenticated with `auth`. Activation: on to choosing the password (a decoy never gets
 * here: its code cannot match).
 */
export function otpAccepted(
  tx: LoginTransaction,
  input: { citizenId: string; auth: Authentication | null; now: number; via?: "sms" | "app" },
): Result<{ tx: LoginTransaction }> {
  const target = input.via === "app" ? appCodeTarget(tx, input.now) : otpCheckTarget(tx, input.now);
  if (!target.ok) return target;
  if (target.citizenKey !== input.citizenId) return { ok: false, reason: "no_otp_requested" };
  if (tx.step.kind === "second_factor") {
    if (!input.auth) return { ok: false, reason: "no_otp_requested" };
    return { ok: true, tx: { ...tx, step: { kind: "authenticated", ...input.auth } } };
  }
  if (tx.step.kind === "activation_otp" && tx.step.codeId !== null) {
    const step: PasswordStep = {
      kind: "choose_password",
      citizenId: input.citizenId,
      codeId: tx.step.codeId,
    };
    return { ok: true, tx: { ...tx, step } };
  }
  return { ok: false, reason: "no_otp_requested" };
}

/** The citizen and code a new password is set with, at the end of an activation. */
export function activationTarget(
  tx: LoginTransaction,
  now: number,
): Result<{ citizenId: string; codeId: string }> {
  const refusal = usable(tx, now);
  if (refusal) return { ok: false, ...refusal };
  if (tx.step.kind !== "choose_password") return { ok: false, reason: "no_activation" };
  return { ok: true, citizenId: tx.step.citizenId, codeId: tx.step.codeId };
}

/** Password set: the login starts over, now with a password to log in with. */
export function activated(tx: LoginTransaction, now: number): Result<{ tx: LoginTransaction }> {
  const target = activationTarget(tx, now);
  if (!target.ok) return target;
  return { ok: true, tx: { ...tx, step: { kind: "started" } } };
}

/**
 * Authenticated straight away: a password that is enough, or a forced change that completes
 * the login. The caller has just checked the password (or the change) in this request.
 */
export function passwordAuthenticated(
  tx: LoginTransaction,
  auth: Authentication,
  now: number,
): Result<{ tx: LoginTransaction }> {
  const refusal = usable(tx, now);
  if (refusal) return { ok: false, ...refusal };
  return { ok: true, tx: { ...tx, step: { kind: "authenticated", ...auth } } };
}
