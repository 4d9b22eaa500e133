/**
 * The mobile method's steps in a login transaction (BRIEF.md "Mobile", docs/mobile.md), as
 * pure transitions beside login-transaction.ts:
 *
 *   started ─ QR ───────▶ mobile_waiting(qr) ─ scan ─▶ (bound to a device) ─┐
 *   started ─ push ─────▶ mobile_waiting(push) ─────────────────────────────┼─ right number ─▶ authenticated
 *   (CIBA) ─────────────▶ mobile_waiting(ciba) ─────────────────────────────┘
 *                                   └─ decline / "not me" / wrong number ─▶ mobile_ended
 *
 * A waiting step ends by itself at `expiresAt`; the page may then start again. An ended step
 * is final: the login can only be cancelled. Every change bumps `mobileVersion`, which the
 * page's long poll waits on.
 */
import type { Choices } from "../methods/mobile/number-matching.ts";
import { checkFrame, type QrFrame } from "../methods/mobile/qr-frame.ts";
import type { Authentication, LoginTransaction, Result } from "./login-transaction.ts";
import { usable } from "./login-transaction.ts";

export type MobileMode = "qr" | "push" | "ciba";
export type EndReason = "declined" | "not_me" | "wrong_number";
export type Decision = { decision: "approve"; number: number } | { decision: "decline" | "not_me" };

/** Where the login started, as the app shows it (coarse: city and country, browser and OS). */
export type MobileOrigin = { location: string | null; browser: string | null };

export type MobileStep =
  | {
      kind: "mobile_waiting";
      mode: MobileMode;
      startedAt: number;
      expiresAt: number;
      /** The number the browser shows (or, for CIBA, the agency's operator reads out). */
      number: number;
      choices: Choices;
      /** The QR frames' HMAC key, 64 hex; null for push and CIBA. */
      qrSecret: string | null;
      /** Whose device may answer: the citizen id, a decoy key (push), or null until a scan. */
      citizenKey: string | null;
      /** The device that scanned the QR: the only one whose answer counts. */
      deviceId: string | null;
      agency: string;
      origin: MobileOrigin;
      bindingMessage: string | null;
    }
  | { kind: "mobile_ended"; mode: MobileMode; reason: EndReason; at: number };

export type MobileRefusal =
  | "no_mobile_login"
  | "qr_invalid"
  | "qr_stale"
  | "qr_used"
  | "approval_expired"
  | "approval_not_found"
  | "approval_answered";

type MobileResult<T> = ({ ok: true } & T) | { ok: false; reason: MobileRefusal };

const bump = (tx: LoginTransaction, step: LoginTransaction["step"]): LoginTransaction => ({
  ...tx,
  step,
  mobileVersion: (tx.mobileVersion ?? 0) + 1,
  mobileRequests: tx.mobileRequests ?? 0,
});

/** Starts (or starts again) waiting for the app: a new number, a new QR secret. */
export function startMobile(
  tx: LoginTransaction,
  input: Omit<
    Extract<MobileStep, { kind: "mobile_waiting" }>,
    "kind" | "deviceId" | "expiresAt"
  > & {
    ttlMs: number;
    maxRequests: number;
  },
): Result<{ tx: LoginTransaction }> {
  const refusal = usable(tx, input.startedAt);
  if (refusal) return { ok: false, ...refusal };
  const requests = tx.mobileRequests ?? 0;
  if (requests >= input.maxRequests) return { ok: false, reason: "too_many_pin_requests" };
  const { ttlMs, maxRequests: _, ...step } = input;
  const expiresAt = Math.min(input.startedAt + ttlMs, tx.expiresAt);
  const next = bump(tx, { kind: "mobile_waiting", ...step, deviceId: null, expiresAt });
  return { ok: true, tx: { ...next, mobileRequests: requests + 1, mobileMode: input.mode } };
}

function waiting(tx: LoginTransaction, now: number) {
  const step = tx.step;
  if (step.kind === "authenticated")
    return { ok: false as const, reason: "approval_answered" as const };
  if (step.kind === "mobile_ended")
    return { ok: false as const, reason: "approval_answered" as const };
  if (step.kind !== "mobile_waiting")
    return { ok: false as const, reason: "no_mobile_login" as const };
  if (now >= step.expiresAt) return { ok: false as const, reason: "approval_expired" as const };
  return { ok: true as const, step };
}

/**
 * A device scanned a frame: the MAC and the age are checked, and the first good scan binds the
 * QR to that device and its citizen. Any later scan, by any device, is refused.
 */
export function scanQr(
  tx: LoginTransaction,
  input: {
    frame: QrFrame;
    deviceId: string;
    citizenId: string;
    now: number;
    maxAgeSeconds: number;
  },
): MobileResult<{ tx: LoginTransaction; step: Extract<MobileStep, { kind: "mobile_waiting" }> }> {
  const current = waiting(tx, input.now);
  if (!current.ok)
    return current.reason === "approval_answered" ? { ok: false, reason: "qr_used" } : current;
  const { step } = current;
  if (step.mode !== "qr" || step.qrSecret === null) return { ok: false, reason: "qr_invalid" };
  const check = checkFrame(
    input.frame,
    step.qrSecret,
    step.startedAt,
    input.now,
    input.maxAgeSeconds,
  );
  if (check === "invalid") return { ok: false, reason: "qr_invalid" };
  if (step.deviceId !== null) return { ok: false, reason: "qr_used" };
  if (check === "stale") return { ok: false, reason: "qr_stale" };
  const bound = { ...step, deviceId: input.deviceId, citizenKey: input.citizenId };
  return { ok: true, tx: bump(tx, bound), step: bound };
}

/** The waiting step an app of `citizenId` may see (push and CIBA: its own requests only). */
export function approvalFor(
  tx: LoginTransaction,
  input: { citizenId: string; deviceId: string; now: number },
): MobileResult<{ step: Extract<MobileStep, { kind: "mobile_waiting" }> }> {
  const current = waiting(tx, input.now);
  if (!current.ok) return current;
  const { step } = current;
  if (step.citizenKey !== input.citizenId) return { ok: false, reason: "approval_not_found" };
  if (step.deviceId !== null && step.deviceId !== input.deviceId) {
    return { ok: false, reason: "approval_not_found" };
  }
  return { ok: true, step };
}

/**
 * The app's answer, signed by the device. Approval needs the number the browser shows: a wrong
 * one ends the login, as do decline and "not me". `auth` is what an approval authenticates.
 */
export function answerMobile(
  tx: LoginTransaction,
  input: {
    citizenId: string;
    deviceId: string;
    answer: Decision;
    auth: Authentication;
    now: number;
  },
): MobileResult<{
  tx: LoginTransaction;
  outcome: "approved" | EndReason;
  mode: MobileMode;
}> {
  const found = approvalFor(tx, input);
  if (!found.ok) return found;
  const { step } = found;
  if (step.mode === "qr" && step.deviceId === null)
    return { ok: false, reason: "approval_not_found" };
  const { answer } = input;
  const ended = (reason: EndReason) => ({
    ok: true as const,
    outcome: reason,
    mode: step.mode,
    tx: bump(tx, { kind: "mobile_ended", mode: step.mode, reason, at: input.now }),
  });
  if (answer.decision !== "approve") {
    return ended(answer.decision === "decline" ? "declined" : "not_me");
  }
  if (answer.number !== step.number) return ended("wrong_number");
  return {
    ok: true,
    outcome: "approved",
    mode: step.mode,
    tx: bump(tx, { kind: "authenticated", ...input.auth }),
  };
}

export type MobileStatus = {
  mode: MobileMode;
  status: "waiting" | "scanned" | "authenticated" | EndReason | "expired";
  version: number;
  number: number | null;
  expiresAt: number | null;
  /** Seconds since the QR started, when a frame should be shown; else null. */
  frameSeconds: number | null;
};

/** What the login page is told; null when the login has not involved the app. */
export function mobileStatus(tx: LoginTransaction, now: number): MobileStatus | null {
  const version = tx.mobileVersion ?? 0;
  const step = tx.step;
  if (step.kind === "authenticated") {
    return step.method === "mobile" && tx.mobileMode
      ? {
          mode: tx.mobileMode,
          status: "authenticated",
          version,
          number: null,
          expiresAt: null,
          frameSeconds: null,
        }
      : null;
  }
  if (step.kind === "mobile_ended") {
    return {
      mode: step.mode,
      status: step.reason,
      version,
      number: null,
      expiresAt: null,
      frameSeconds: null,
    };
  }
  if (step.kind !== "mobile_waiting") return null;
  const base = { mode: step.mode, version, number: step.number, expiresAt: step.expiresAt };
  if (now >= step.expiresAt || now >= tx.expiresAt) {
    return { ...base, status: "expired", number: null, frameSeconds: null };
  }
  if (step.deviceId !== null) return { ...base, status: "scanned", frameSeconds: null };
  const frameSeconds =
    step.mode === "qr" ? Math.max(0, Math.floor((now - step.startedAt) / 1000)) : null;
  return { ...base, status: "waiting", frameSeconds };
}
