/**
 * CitizenObject: one Durable Object per citizen (or per decoy standing in for an unknown
 * citizen). It serialises and persists the citizen's PIN state (methods/pin/pin-challenge.ts)
 * and single sign-on sessions (session/session.ts); the rules live in those modules.
 *
 * Invariant: each method reads, decides and writes with synchronous storage calls and no
 * `await` in between, so two requests racing on one citizen are applied one after the other
 * and a PIN is consumed (or a failure counted) before anything else can observe it.
 */
import { DurableObject } from "cloudflare:workers";
import { configFrom } from "../config.ts";
import { constantTimeEqual } from "../crypto/constant-time.ts";
import type { Env } from "../env.ts";
import {
  emptyGuard,
  type GuardPolicy,
  type PasswordGuard,
  reserveTry,
  settleTry,
} from "../methods/password/password-guard.ts";
import {
  type CitizenPinState,
  emptyPinState,
  expire,
  type IssueInput,
  issuePin,
  nextCleanupAt,
  type PinPolicy,
  type VerifyInput,
  verifyPin,
} from "../methods/pin/pin-challenge.ts";
import {
  openSession,
  renewSession,
  type Session,
  type SessionPolicy,
  sessionEndsAt,
  useSession,
} from "../session/session.ts";

const PIN_KEY = "pin";
const PASSWORD_KEY = "password";
const SESSION_PREFIX = "session:";

/** What callers learn from an issue or a verification; the stored state stays inside. */
export type IssueOutcome = DropState<ReturnType<typeof issuePin>>;
export type VerifyOutcome = DropState<ReturnType<typeof verifyPin>>;
type DropState<T> = T extends { state: CitizenPinState } ? Omit<T, "state"> : never;

export type ReserveOutcome =
  | { outcome: "reserved"; triesLeft: number }
  | { outcome: "blocked" | "locked" }
  | { outcome: "backoff"; retryAt: number };
export type SettleOutcome = { blockedNow: boolean; lockedNow: boolean };
export type PasswordGuardView = { failures: number; blocked: boolean; blockedAt: number | null };

/** A session as callers see it: never the secret's digest. */
export type SessionView = Omit<Session, "secretHash"> & { endsAt: number };

export class CitizenObject extends DurableObject<Env> {
  private policy(): PinPolicy {
    const config = configFrom(this.env);
    return { ...config.pin, failures: config.failures };
  }

  private guardPolicy(): GuardPolicy {
    const config = configFrom(this.env);
    return { maxFailures: config.password.maxFailures, account: this.policy() };
  }

  private guard(): PasswordGuard {
    return this.ctx.storage.kv.get<PasswordGuard>(PASSWORD_KEY) ?? emptyGuard();
  }

  private sessionPolicy(): SessionPolicy {
    return configFrom(this.env).session;
  }

  private load(decoy = false): CitizenPinState {
    return this.ctx.storage.kv.get<CitizenPinState>(PIN_KEY) ?? emptyPinState(decoy);
  }

  private save(state: CitizenPinState): void {
    this.ctx.storage.kv.put(PIN_KEY, state);
    this.scheduleCleanup();
  }

  /** Stores a new PIN digest for `loginId`, superseding any previous PIN. */
  issuePin(input: IssueInput & { decoy: boolean }): IssueOutcome {
    const { state, ...outcome } = issuePin(this.load(input.decoy), input, this.policy());
    this.save(state);
    return outcome;
  }

  /** Checks a PIN digest; consumes the PIN or counts the failure before returning. */
  verifyPin(input: VerifyInput): VerifyOutcome {
    const { state, ...outcome } = verifyPin(this.load(), input, this.policy());
    this.save(state);
    return outcome;
  }

  /**
   * Counts a password attempt before the caller hashes anything (password-guard.ts); the
   * caller must settle it. A decoy object guards an unknown document the same way.
   */
  reservePasswordTry(input: { now: number; decoy: boolean }): ReserveOutcome {
    const result = reserveTry(this.guard(), this.load(input.decoy), input.now, this.guardPolicy());
    if (result.outcome !== "reserved") return result;
    this.ctx.storage.kv.put(PASSWORD_KEY, result.guard);
    this.save(result.account);
    return { outcome: "reserved", triesLeft: result.triesLeft };
  }

  /** Records how a reserved attempt ended. */
  settlePasswordTry(input: { ok: boolean | null; now: number }): SettleOutcome {
    const result = settleTry(this.guard(), this.load(), input, this.guardPolicy());
    this.ctx.storage.kv.put(PASSWORD_KEY, result.guard);
    this.save(result.account);
    return { blockedNow: result.blockedNow, lockedNow: result.lockedNow };
  }

  /** A password set again (activation code) starts with a clean guard. */
  resetPasswordGuard(): void {
    this.ctx.storage.kv.delete(PASSWORD_KEY);
  }

  passwordGuard(): PasswordGuardView {
    const guard = this.guard();
    return {
      failures: guard.consecutive,
      blocked: guard.consecutive >= this.guardPolicy().maxFailures,
      blockedAt: guard.blockedAt,
    };
  }

  /** Test and operator visibility into counters (never digests). */
  failureCount(): number {
    return this.load().failures.consecutive;
  }

  /**
   * Opens a session after a login. When the browser's (verified) session of this citizen is
   * named in `continues`, that session is renewed instead: same `sid`, new secret, new
   * authentication. Either way the cookie's secret changes on every login and step-up.
   */
  openSession(
    input: Parameters<typeof openSession>[0] & { continues: string | null },
  ): SessionView {
    const { continues, ...rest } = input;
    const previous = continues
      ? this.ctx.storage.kv.get<Session>(SESSION_PREFIX + continues)
      : undefined;
    const session = previous ? renewSession(previous, rest) : openSession(rest);
    this.putSession(session);
    return this.view(session);
  }

  /** Checks the cookie's secret digest and records the use; null if unusable. */
  useSession(input: {
    sid: string;
    secretHash: string;
    clientId: string | null;
    now: number;
  }): SessionView | null {
    const stored = this.ctx.storage.kv.get<Session>(SESSION_PREFIX + input.sid) ?? null;
    const secretMatches = stored !== null && constantTimeEqual(stored.secretHash, input.secretHash);
    const result = useSession(stored, { ...input, secretMatches }, this.sessionPolicy());
    if (!result.ok) {
      if (stored && secretMatches) this.ctx.storage.kv.delete(SESSION_PREFIX + input.sid);
      return null;
    }
    if (result.changed) this.putSession(result.session);
    return this.view(result.session);
  }

  /** Ends one session (logout); returns it so the caller can tell its clients. */
  endSession(sid: string): SessionView | null {
    const stored = this.ctx.storage.kv.get<Session>(SESSION_PREFIX + sid) ?? null;
    if (!stored) return null;
    this.ctx.storage.kv.delete(SESSION_PREFIX + sid);
    return this.view(stored);
  }

  /** Ends every session of the citizen ("log out everywhere"). */
  endAllSessions(): SessionView[] {
    const ended = this.sessions();
    for (const s of ended) this.ctx.storage.kv.delete(SESSION_PREFIX + s.sid);
    return ended.map((s) => this.view(s));
  }

  /** The citizen's live sessions, newest first. */
  listSessions(now: number): SessionView[] {
    return this.sessions()
      .map((s) => this.view(s))
      .filter((s) => now < s.endsAt)
      .sort((a, b) => b.createdAt - a.createdAt);
  }

  private sessions(): Session[] {
    return [...this.ctx.storage.kv.list<Session>({ prefix: SESSION_PREFIX })].map(([, s]) => s);
  }

  private putSession(session: Session): void {
    this.ctx.storage.kv.put(SESSION_PREFIX + session.sid, session);
    this.scheduleCleanup();
  }

  private view(session: Session): SessionView {
    const { secretHash: _, ...rest } = session;
    return { ...rest, endsAt: sessionEndsAt(session, this.sessionPolicy()) };
  }

  /** One alarm serves both PIN state and sessions: the earliest thing that can expire. */
  private scheduleCleanup(): void {
    const pin = this.ctx.storage.kv.get<CitizenPinState>(PIN_KEY);
    const policy = this.sessionPolicy();
    const times = [
      ...(pin ? [nextCleanupAt(pin)] : []),
      ...this.sessions().map((s) => sessionEndsAt(s, policy)),
    ].filter((t): t is number => t !== null);
    if (times.length > 0) void this.ctx.storage.setAlarm(Math.min(...times));
  }

  /** Cleanup only: forgets what has expired. Safe to run any number of times. */
  override async alarm(): Promise<void> {
    const now = Date.now();
    const policy = this.sessionPolicy();
    for (const s of this.sessions()) {
      if (now >= sessionEndsAt(s, policy)) this.ctx.storage.kv.delete(SESSION_PREFIX + s.sid);
    }
    const stored = this.ctx.storage.kv.get<CitizenPinState>(PIN_KEY);
    const next = stored ? expire(stored, now) : null;
    if (next) this.ctx.storage.kv.put(PIN_KEY, next);
    else this.ctx.storage.kv.delete(PIN_KEY);
    const guarded = this.ctx.storage.kv.get<PasswordGuard>(PASSWORD_KEY) !== undefined;
    if (!next && !guarded && this.sessions().length === 0) {
      await this.ctx.storage.deleteAll();
      return;
    }
    this.scheduleCleanup();
  }
}
