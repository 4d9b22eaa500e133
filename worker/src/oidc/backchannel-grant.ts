/**
 * A backchannel authentication request (OpenID CIBA Core 1.0, poll mode) as pure transitions
 * on a login transaction, beside authorization-grant.ts: start it (the transaction, the wait
 * for the citizen's app and the request's digest in one step), then answer each poll of the
 * token endpoint. The LoginObject applies them synchronously, so tokens are issued once
 * however many polls race, and a poll's time is recorded before it is answered.
 *
 * Rules (CIBA Core 7, 11):
 * - the `auth_req_id` is `<handle>.<secret>`; only its SHA-256 is stored, and it is redeemed
 *   by the client that started it, once: a second redemption revokes what the first issued;
 * - until the citizen answers in the app, a poll is `authorization_pending`, or `slow_down`
 *   when it came sooner than the interval after the previous one;
 * - the request lives until the transaction expires (`requested_expiry`, capped), then every
 *   poll is `expired_token`; a decline, "I did not start this" or a wrong number end it as
 *   `access_denied`;
 * - an approval below the level the request needs never becomes tokens.
 */
import { meetsLevel } from "../assurance/levels.ts";
import {
  type LoginOrigin,
  type LoginTransaction,
  type Result,
  startLogin,
} from "../login/login-transaction.ts";
import { type EndReason, startMobile } from "../login/mobile-steps.ts";
import { type GrantContext, grantContext, newRefreshFamily } from "./authorization-grant.ts";

export type BackchannelRequest = {
  /** SHA-256 of the auth_req_id. */
  hash: string;
  /** The client that started it: the only one that may poll. */
  clientId: string;
  /** When the client last polled (null before its first poll). */
  lastPolledAt: number | null;
  /** When tokens were issued for it; a later poll is a replay. */
  redeemedAt: number | null;
};

export type BackchannelRefusal =
  | "auth_req_invalid"
  | "client_mismatch"
  | "auth_req_replayed"
  | "expired"
  | "pending"
  | "slow_down"
  | "level_unmet"
  | EndReason;

type PollOutcome =
  | { ok: true; tx: LoginTransaction; context: GrantContext }
  | { ok: false; reason: BackchannelRefusal; tx?: LoginTransaction };

/**
 * Polls may arrive this much sooner than the interval before they count as too fast: a client
 * that waits the interval after each answer sees its requests arrive with network jitter.
 */
export const POLL_TOLERANCE_MS = 1000;

/**
 * A new transaction that waits for the citizen's app from the start (mode "ciba"), with the
 * request's digest. Fails only as startMobile can (it cannot, on a fresh transaction).
 */
export function startBackchannel(
  input: {
    id: string;
    now: number;
    ttlMs: number;
    origin: LoginOrigin;
    hash: string;
    clientId: string;
  },
  mobile: Omit<Parameters<typeof startMobile>[1], "startedAt" | "mode">,
): Result<{ tx: LoginTransaction }> {
  const fresh = startLogin(input.id, input.now, input.ttlMs, input.origin);
  const waiting = startMobile(fresh, { ...mobile, mode: "ciba", startedAt: input.now });
  if (!waiting.ok) return waiting;
  const ciba: BackchannelRequest = {
    hash: input.hash,
    clientId: input.clientId,
    lastPolledAt: null,
    redeemedAt: null,
  };
  return { ok: true, tx: { ...waiting.tx, ciba } };
}

/**
 * One poll of the token endpoint. A pending poll and a replay return a transaction to persist
 * with their refusal (the poll's time; the revoked grant).
 */
export function pollBackchannel(
  tx: LoginTransaction,
  input: {
    hash: string;
    clientId: string;
    now: number;
    intervalMs: number;
    /** Absolute lifetime of the refresh family, when one is to be started. */
    refresh: { hash: string; ttlMs: number } | null;
  },
): PollOutcome {
  const ciba = tx.ciba;
  const { now } = input;
  if (!ciba || ciba.hash !== input.hash) return { ok: false, reason: "auth_req_invalid" };
  if (ciba.clientId !== input.clientId) return { ok: false, reason: "client_mismatch" };
  if (ciba.redeemedAt !== null) {
    const revoked = tx.grant ? { ...tx.grant, status: "revoked" as const } : null;
    return { ok: false, reason: "auth_req_replayed", tx: { ...tx, grant: revoked } };
  }
  if (now >= tx.expiresAt) return { ok: false, reason: "expired" };
  const step = tx.step;
  if (step.kind === "mobile_ended") return { ok: false, reason: step.reason };
  if (step.kind === "mobile_waiting") {
    if (now >= step.expiresAt) return { ok: false, reason: "expired" };
    const early =
      ciba.lastPolledAt !== null && now - ciba.lastPolledAt < input.intervalMs - POLL_TOLERANCE_MS;
    return {
      ok: false,
      reason: early ? "slow_down" : "pending",
      tx: { ...tx, ciba: { ...ciba, lastPolledAt: now } },
    };
  }
  const context = grantContext(tx);
  if (!context) return { ok: false, reason: "auth_req_invalid" };
  const { authorization, authentication } = context;
  if (
    !meetsLevel(authentication.acr, authorization.acr) ||
    !authorization.methods.includes(authentication.method)
  ) {
    return { ok: false, reason: "level_unmet" };
  }
  const refresh = newRefreshFamily(input.refresh, now);
  return {
    ok: true,
    context,
    tx: {
      ...tx,
      ciba: { ...ciba, lastPolledAt: now, redeemedAt: now },
      grant: { status: "active", refresh },
    },
  };
}
