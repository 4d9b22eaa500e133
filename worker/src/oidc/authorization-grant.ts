/**
 * The authorization code and what it grants, as pure transitions on a login transaction:
 * issue the code, redeem it once, rotate refresh tokens, revoke. The LoginObject applies them
 * synchronously (objects/login-object.ts), so redemption is atomic: two racing redemptions of
 * one code cannot both succeed.
 *
 * Rules (SECURITY.md "OpenID Connect / OAuth", RFC 9700 2.2.2, 4.2.2):
 * - a code lives at most CODE_TTL_SECONDS (≤ 60 s), is redeemed once, by the client it was
 *   issued to, with the same redirect URI and the PKCE verifier of its challenge;
 * - a second redemption fails and revokes everything the first one issued;
 * - a refresh token is rotated on every use; presenting an earlier one revokes the family;
 *   the family has an absolute lifetime.
 * Only digests of codes and refresh tokens are stored.
 */
import type { Authentication, LoginTransaction } from "../login/login-transaction.ts";
import type { AuthorizationRequest } from "./authorization-request.ts";

export type IssuedCode = {
  hash: string;
  issuedAt: number;
  expiresAt: number;
  redeemedAt: number | null;
};

export type RefreshFamily = {
  hash: string;
  generation: number;
  /** Digests of the tokens it replaced (the most recent ones), to recognise a replay. */
  previous: string[];
  expiresAt: number;
};

/** What a redeemed code granted; it was issued at the code's `redeemedAt`. */
export type Grant = {
  status: "active" | "revoked";
  refresh: RefreshFamily | null;
};

/** What tokens are minted from: the request and the authentication behind it. */
export type GrantContext = {
  authorization: AuthorizationRequest;
  authentication: Authentication;
  /**
   * The single sign-on session the code was issued in (the ID token's `sid`); null for a
   * backchannel (CIBA) grant, which no browser session stands behind.
   */
  sid: string | null;
};

export type GrantRefusal =
  | "no_authorization"
  | "not_authenticated"
  | "code_already_issued"
  | "login_expired"
  | "invalid_code"
  | "code_expired"
  | "code_replayed"
  | "client_mismatch"
  | "redirect_uri_mismatch"
  | "pkce_mismatch"
  | "grant_revoked"
  | "refresh_invalid"
  | "refresh_expired"
  | "refresh_replayed"
  | "scope_widened";

type Outcome<T> = ({ ok: true } & T) | { ok: false; reason: GrantRefusal; tx?: LoginTransaction };

const MAX_PREVIOUS = 50;

/**
 * The request and authentication tokens are minted from, if the transaction has both: a code
 * bound to a session, or a backchannel request (oidc/backchannel-grant.ts).
 */
/** A grant's first refresh token (its family's first generation), or none. */
export function newRefreshFamily(refresh: { hash: string; ttlMs: number } | null, now: number) {
  return refresh
    ? {
        hash: refresh.hash,
        generation: 1,
        previous: [] as string[],
        expiresAt: now + refresh.ttlMs,
      }
    : null;
}

export function grantContext(tx: LoginTransaction): GrantContext | null {
  if (!tx.authorization || tx.step.kind !== "authenticated") return null;
  if (tx.sid === null && !tx.ciba) return null;
  const { kind: _, ...authentication } = tx.step;
  return { authorization: tx.authorization, authentication, sid: tx.sid };
}

/** Issues the transaction's one code, once it is authenticated and bound to a session. */
export function issueCode(
  tx: LoginTransaction,
  input: { codeHash: string; sid: string; now: number; ttlMs: number },
): Outcome<{ tx: LoginTransaction }> {
  // A backchannel request is redeemed with its auth_req_id, never through a code.
  if (!tx.authorization || tx.ciba) return { ok: false, reason: "no_authorization" };
  if (tx.step.kind !== "authenticated") return { ok: false, reason: "not_authenticated" };
  if (tx.code) return { ok: false, reason: "code_already_issued" };
  if (input.now >= tx.expiresAt) return { ok: false, reason: "login_expired" };
  const code = { hash: input.codeHash, issuedAt: input.now, expiresAt: input.now + input.ttlMs };
  return { ok: true, tx: { ...tx, sid: input.sid, code: { ...code, redeemedAt: null } } };
}

/**
 * Redeems the code. On a replay the grant is revoked and the caller must persist the returned
 * transaction even though the answer is a refusal.
 */
export function redeemCode(
  tx: LoginTransaction,
  input: {
    codeHash: string;
    clientId: string;
    redirectUri: string;
    /** S256 of the presented verifier, computed by the caller. */
    challenge: string;
    now: number;
    /** Absolute lifetime of the refresh family, when one is to be started. */
    refresh: { hash: string; ttlMs: number } | null;
  },
): Outcome<{ tx: LoginTransaction; context: GrantContext }> {
  const context = grantContext(tx);
  const code = tx.code;
  if (!context || !code || code.hash !== input.codeHash)
    return { ok: false, reason: "invalid_code" };
  if (code.redeemedAt !== null) {
    const revoked = tx.grant ? { ...tx.grant, status: "revoked" as const } : null;
    return { ok: false, reason: "code_replayed", tx: { ...tx, grant: revoked } };
  }
  if (input.now >= code.expiresAt) return { ok: false, reason: "code_expired" };
  const { authorization } = context;
  if (authorization.clientId !== input.clientId) return { ok: false, reason: "client_mismatch" };
  if (authorization.redirectUri !== input.redirectUri) {
    return { ok: false, reason: "redirect_uri_mismatch" };
  }
  if (authorization.codeChallenge !== input.challenge)
    return { ok: false, reason: "pkce_mismatch" };
  const refresh = newRefreshFamily(input.refresh, input.now);
  return {
    ok: true,
    context,
    tx: {
      ...tx,
      code: { ...code, redeemedAt: input.now },
      grant: { status: "active", refresh },
    },
  };
}

/** Rotates the refresh token: the presented one must be the current one of a live family. */
export function rotateRefresh(
  tx: LoginTransaction,
  input: {
    tokenHash: string;
    clientId: string;
    newHash: string;
    now: number;
    /** A narrower scope asked for with the refresh; checked before anything rotates. */
    scope: readonly string[] | null;
  },
): Outcome<{ tx: LoginTransaction; context: GrantContext; generation: number }> {
  const context = grantContext(tx);
  const family = tx.grant?.refresh;
  if (!context || !tx.grant || !family) return { ok: false, reason: "refresh_invalid" };
  if (context.authorization.clientId !== input.clientId) {
    return { ok: false, reason: "client_mismatch" };
  }
  if (tx.grant.status === "revoked") return { ok: false, reason: "grant_revoked" };
  if (family.previous.includes(input.tokenHash)) {
    return {
      ok: false,
      reason: "refresh_replayed",
      tx: { ...tx, grant: { ...tx.grant, status: "revoked" } },
    };
  }
  if (family.hash !== input.tokenHash) return { ok: false, reason: "refresh_invalid" };
  if (input.now >= family.expiresAt) return { ok: false, reason: "refresh_expired" };
  const granted: readonly string[] = context.authorization.scope;
  if (input.scope?.some((s) => !granted.includes(s))) return { ok: false, reason: "scope_widened" };
  const rotated: RefreshFamily = {
    hash: input.newHash,
    generation: family.generation + 1,
    previous: [family.hash, ...family.previous].slice(0, MAX_PREVIOUS),
    expiresAt: family.expiresAt,
  };
  return {
    ok: true,
    context,
    generation: rotated.generation,
    tx: { ...tx, grant: { ...tx.grant, refresh: rotated } },
  };
}

/** Revokes everything the code granted (RFC 7009, logout, replay). Idempotent. */
export function revokeGrant(tx: LoginTransaction): LoginTransaction {
  return tx.grant ? { ...tx, grant: { ...tx.grant, status: "revoked" } } : tx;
}

/** The grant's context while it is live (access tokens are checked against this). */
export function liveGrant(tx: LoginTransaction): GrantContext | null {
  return tx.grant?.status === "active" ? grantContext(tx) : null;
}

/** The grant behind a refresh token while that token is the family's current one. */
export function liveRefresh(
  tx: LoginTransaction,
  tokenHash: string,
  now: number,
): GrantContext | null {
  const family = tx.grant?.refresh;
  if (tx.grant?.status !== "active" || !family) return null;
  if (family.hash !== tokenHash || now >= family.expiresAt) return null;
  return grantContext(tx);
}

/** When the transaction may be forgotten: after the login, and after its refresh family. */
export const grantRetainedUntil = (tx: LoginTransaction): number =>
  Math.max(tx.expiresAt, tx.grant?.refresh?.expiresAt ?? 0);
