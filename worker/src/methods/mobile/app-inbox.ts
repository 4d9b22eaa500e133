/**
 * The citizen app's inbox and the push-fatigue rules, as pure data and functions that the
 * CitizenObject loads, applies and saves (the object only serialises and persists).
 *
 * Inbox items are PINs sent into the app and approval requests (push, CIBA). They live until
 * they expire or are answered. Whether the app fetched a PIN is deliberately not kept: telling
 * the login page would tell whoever typed a document and contrast datum that they were right.
 *
 * Push fatigue (the attack on Cl@ve Móvil, Microsoft Authenticator and others where a stranger
 * sends push after push until the citizen taps "approve"): every push counts as unanswered
 * until the app approves it; at `unansweredLimit` consecutive unanswered pushes, or at the first
 * "I did not start this", pushes pause for `pauseMs`. There are at most `perHour` pushes per
 * rolling hour, and a new push replaces the one still pending. QR login is never paused: it
 * needs the browser in front of the citizen.
 */
import type { PinChallenge } from "../pin/pin-challenge.ts";
import type { Choices } from "./number-matching.ts";

export type ApprovalView = {
  id: string;
  mode: "qr" | "push" | "ciba";
  agency: string;
  location: string | null;
  browser: string | null;
  choices: Choices;
  bindingMessage: string | null;
  expiresAt: number;
};

export type InboxItem =
  | {
      id: string;
      kind: "pin";
      createdAt: number;
      expiresAt: number;
      /** The login the PIN belongs to: a later PIN for it replaces this one. */
      ref: string;
      pin: string;
      agency: string | null;
    }
  | {
      id: string;
      kind: "approval";
      createdAt: number;
      expiresAt: number;
      /** The login's handle, which is also the approval's id. */
      ref: string;
      approval: ApprovalView;
    };

/**
 * Whether a PIN item still holds the citizen's one live PIN. A citizen has at most one
 * (pin-challenge.ts): a PIN for another login, a resend, the SMS fallback, an SMS code or a
 * device code supersedes it, and it is dead once used or out of tries. The item was created
 * with the challenge (same login, same instant), so anything else is a dead PIN that the app
 * must not show as if it could still be typed.
 */
export function isLivePin(
  item: Extract<InboxItem, { kind: "pin" }>,
  challenge: PinChallenge | null,
): boolean {
  return (
    challenge?.status === "active" &&
    (challenge.purpose ?? "pin") === "pin" &&
    challenge.channel === "app" &&
    challenge.loginId === item.ref &&
    challenge.issuedAt === item.createdAt
  );
}

/**
 * What one device may see, newest first: items not expired, not older than the device (a
 * phone activated today never shows what was sent before it existed), and PINs only while live.
 */
export function visibleItems(
  items: InboxItem[],
  input: { now: number; since: number; challenge: PinChallenge | null },
): InboxItem[] {
  return items
    .filter((i) => input.now < i.expiresAt && i.createdAt >= input.since)
    .filter((i) => i.kind !== "pin" || isLivePin(i, input.challenge))
    .sort((a, b) => b.createdAt - a.createdAt);
}

/** The item as the app receives it (no bookkeeping). */
export type AppItem =
  | Omit<Extract<InboxItem, { kind: "pin" }>, "ref">
  | Omit<Extract<InboxItem, { kind: "approval" }>, "ref">;

export const appItem = (item: InboxItem): AppItem => {
  const { ref: _, ...rest } = item;
  return rest;
};

export type PushState = {
  /** When pushes were sent during the last hour, oldest first. */
  sent: number[];
  /** Consecutive pushes not approved (ignored, expired, declined, reported)… */
  unanswered: number;
  /** …forgotten a day after the last push. */
  lastSentAt: number | null;
  pausedUntil: number | null;
  /** The login handle of the push still pending, replaced by the next. */
  pending: string | null;
};

export type PushPolicy = { perHour: number; unansweredLimit: number; pauseMs: number };

/** The push rules of this deployment (config.ts MOBILE_PUSH*). */
export const pushPolicy = (mobile: {
  pushesPerHour: number;
  pushUnansweredLimit: number;
  pushPauseMs: number;
}): PushPolicy => ({
  perHour: mobile.pushesPerHour,
  unansweredLimit: mobile.pushUnansweredLimit,
  pauseMs: mobile.pushPauseMs,
});

export const emptyPushState = (): PushState => ({
  sent: [],
  unanswered: 0,
  lastSentAt: null,
  pausedUntil: null,
  pending: null,
});

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export type PushAdmission =
  | { outcome: "admitted"; state: PushState; replaced: string | null }
  | { outcome: "paused" | "limited"; retryAt: number; state: PushState };

/** Decides whether one more push may go out now, and records it if so. */
export function admitPush(
  stored: PushState,
  input: { ref: string; now: number },
  policy: PushPolicy,
): PushAdmission {
  const { now } = input;
  const sent = stored.sent.filter((at) => now - at < HOUR_MS);
  const forgotten = stored.lastSentAt !== null && now - stored.lastSentAt >= DAY_MS;
  const state = forgotten ? { ...stored, unanswered: 0 } : stored;
  if (state.pausedUntil !== null && now < state.pausedUntil) {
    return { outcome: "paused", retryAt: state.pausedUntil, state };
  }
  if (state.unanswered >= policy.unansweredLimit) {
    const pausedUntil = now + policy.pauseMs;
    return {
      outcome: "paused",
      retryAt: pausedUntil,
      // The pause starts now and the count starts again after it.
      state: { ...state, sent, unanswered: 0, pausedUntil },
    };
  }
  if (sent.length >= policy.perHour) {
    return { outcome: "limited", retryAt: (sent[0] ?? now) + HOUR_MS, state: { ...state, sent } };
  }
  return {
    outcome: "admitted",
    replaced: state.pending,
    state: {
      sent: [...sent, now],
      unanswered: state.unanswered + 1,
      lastSentAt: now,
      pausedUntil: null,
      pending: input.ref,
    },
  };
}

/** The app answered a push (or CIBA) request. */
export function pushAnswered(
  state: PushState,
  input: { ref: string; outcome: "approved" | "declined" | "not_me" | "wrong_number"; now: number },
  policy: PushPolicy,
): PushState {
  const pending = state.pending === input.ref ? null : state.pending;
  if (input.outcome === "approved") return { ...state, unanswered: 0, pausedUntil: null, pending };
  if (input.outcome === "not_me") {
    return { ...state, unanswered: 0, pausedUntil: input.now + policy.pauseMs, pending };
  }
  return { ...state, pending };
}

/** Forgets what no rule needs any more; null when nothing is left. */
export function expirePush(state: PushState, now: number): PushState | null {
  const sent = state.sent.filter((at) => now - at < HOUR_MS);
  const pausedUntil =
    state.pausedUntil !== null && now < state.pausedUntil ? state.pausedUntil : null;
  const remembered = state.lastSentAt !== null && now - state.lastSentAt < DAY_MS;
  const unanswered = remembered ? state.unanswered : 0;
  if (sent.length === 0 && pausedUntil === null && unanswered === 0) return null;
  return { ...state, sent, pausedUntil, unanswered };
}

export function pushCleanupAt(state: PushState): number | null {
  const times = [
    ...(state.sent[0] !== undefined ? [state.sent[0] + HOUR_MS] : []),
    ...(state.unanswered > 0 && state.lastSentAt !== null ? [state.lastSentAt + DAY_MS] : []),
    ...(state.pausedUntil !== null ? [state.pausedUntil] : []),
  ];
  return times.length > 0 ? Math.min(...times) : null;
}
