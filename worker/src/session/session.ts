/**
 * Single sign-on sessions at the provider, as pure transitions. The CitizenObject keeps a
 * citizen's sessions (objects/citizen-object.ts), which is what makes "log out everywhere" and
 * a list of sessions possible; the browser holds only an opaque cookie (session/cookie.ts).
 *
 * Rules (SECURITY.md "Browser surface", ASVS 7): a session ends after SESSION_IDLE_SECONDS
 * without use and SESSION_MAX_SECONDS after the login, whatever the use, both checked against
 * stored timestamps; it is replaced (new id and secret) on every login and step-up; logout
 * deletes it server-side. Only a digest of the cookie's secret is stored.
 */
import type { Authentication } from "../login/login-transaction.ts";

export type Session = {
  /** Public session id: the ID token's `sid` and the back-channel logout token's. */
  sid: string;
  citizenId: string;
  secretHash: string;
  createdAt: number;
  lastSeenAt: number;
  authentication: Authentication;
  /** Clients that received an ID token in this session, told on logout (back-channel). */
  clients: string[];
  userAgent: string | null;
};

export type SessionPolicy = { idleMs: number; maxMs: number };

/**
 * A use is recorded (the session written) at most this often, unless it adds a client: every
 * /authorize answered from the session would otherwise write it. `lastSeenAt` may so lag by
 * up to a minute, which can only end an idle session earlier, never later.
 */
export const TOUCH_INTERVAL_MS = 60_000;

export type SessionRefusal = "unknown_session" | "idle_timeout" | "session_expired";

/** The session's clients with `clientId` added (once). */
const withClient = (clients: string[], clientId: string | null): string[] =>
  clientId !== null && !clients.includes(clientId) ? [...clients, clientId] : clients;

/** When the session ends if it is not used again. */
export const sessionEndsAt = (s: Session, policy: SessionPolicy): number =>
  Math.min(s.lastSeenAt + policy.idleMs, s.createdAt + policy.maxMs);

export function openSession(input: {
  sid: string;
  citizenId: string;
  secretHash: string;
  authentication: Authentication;
  clientId: string | null;
  userAgent: string | null;
  now: number;
}): Session {
  return {
    sid: input.sid,
    citizenId: input.citizenId,
    secretHash: input.secretHash,
    createdAt: input.now,
    lastSeenAt: input.now,
    authentication: input.authentication,
    clients: withClient([], input.clientId),
    userAgent: input.userAgent,
  };
}

/**
 * A new login in a browser whose session belongs to the same citizen: the session keeps its
 * `sid` and the clients it served (so their back-channel logout still names it), and gets a
 * new secret and the new authentication — the cookie changes, the login time restarts.
 */
export function renewSession(
  session: Session,
  input: {
    secretHash: string;
    authentication: Authentication;
    clientId: string | null;
    now: number;
  },
): Session {
  return {
    ...session,
    secretHash: input.secretHash,
    authentication: input.authentication,
    createdAt: input.now,
    lastSeenAt: input.now,
    clients: withClient(session.clients, input.clientId),
  };
}

/**
 * Checks a presented cookie secret against the session and records the use (and the client
 * it is used for); `changed` says whether there is anything to write. The digest comparison is
 * the caller's, in constant time.
 */
export function useSession(
  session: Session | null,
  input: { secretMatches: boolean; clientId: string | null; now: number },
  policy: SessionPolicy,
): { ok: true; session: Session; changed: boolean } | { ok: false; reason: SessionRefusal } {
  if (!session || !input.secretMatches) return { ok: false, reason: "unknown_session" };
  if (input.now >= session.createdAt + policy.maxMs) {
    return { ok: false, reason: "session_expired" };
  }
  if (input.now >= session.lastSeenAt + policy.idleMs) return { ok: false, reason: "idle_timeout" };
  const clients = withClient(session.clients, input.clientId);
  if (clients === session.clients && input.now - session.lastSeenAt < TOUCH_INTERVAL_MS) {
    return { ok: true, session, changed: false };
  }
  return { ok: true, session: { ...session, lastSeenAt: input.now, clients }, changed: true };
}
