/**
 * CitizenObject: one Durable Object per citizen (or per decoy standing in for an unknown
 * citizen). It serialises and persists the citizen's PIN state (methods/pin/pin-challenge.ts),
 * single sign-on sessions (session/session.ts) and the grants issued in them, the password guard, the last accepted step of
 * the app's step-up codes (methods/password/totp-check.ts), and the citizen app's inbox, push
 * limits, proof replay cache and WebSockets (methods/mobile/app-inbox.ts); the rules live in
 * those modules.
 *
 * The app's sockets use the hibernation API: the object may be evicted while they stay open,
 * so what a socket is (its device) lives in its attachment and tags, and what it is owed (the
 * inbox) in storage — never only in memory.
 *
 * Invariant: each method reads, decides and writes with synchronous storage calls and no
 * `await` in between, so two requests racing on one citizen are applied one after the other
 * and a PIN is consumed (or a failure counted) before anything else can observe it.
 */
import { DurableObject } from "cloudflare:workers";
import { configFrom } from "../config.ts";
import { constantTimeEqual } from "../crypto/constant-time.ts";
import { sha256 } from "../crypto/digest.ts";
import type { Env } from "../env.ts";
import {
  type AppItem,
  admitPush,
  appItem,
  emptyPushState,
  expirePush,
  type InboxItem,
  isLivePin,
  type PushAdmission,
  type PushPolicy,
  type PushState,
  pushAnswered,
  pushCleanupAt,
  visibleItems,
} from "../methods/mobile/app-inbox.ts";
import {
  emptyGuard,
  type GuardPolicy,
  type GuardRefusal,
  guardFailures,
  type PasswordGuard,
  pausedUntil,
  reserveTry,
  settleTry,
} from "../methods/password/password-guard.ts";
import {
  checkTotp,
  type TotpCheckInput,
  type TotpCheckResult,
  type TotpReplayState,
} from "../methods/password/totp-check.ts";
import {
  type CitizenPinState,
  clearFailures,
  effectiveFailures,
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
const INBOX_PREFIX = "inbox:";
const JTI_PREFIX = "jti:";
const TICKET_PREFIX = "ticket:";
const PUSH_KEY = "push";
const TOTP_KEY = "totp";
const GRANT_PREFIX = "grant:";

/**
 * A grant issued to the citizen, by the handle of the LoginObject that holds it: the session
 * it was issued in (null for a backchannel grant) and when it can no longer be used (its
 * code, access tokens and refresh family all ended), after which the record is forgotten.
 */
export type GrantRecord = { sid: string | null; until: number };

/** What ends when the citizen logs out of a session, or is suspended. */
export type Ended = { sessions: SessionView[]; grants: string[] };

/** What an app socket's attachment holds (it survives hibernation). */
type SocketAttachment = { deviceId: string; openedAt: number };
type Ticket = { deviceId: string; expiresAt: number };

/** What callers learn from an issue or a verification; the stored state stays inside. */
export type IssueOutcome = DropState<ReturnType<typeof issuePin>>;
export type VerifyOutcome = DropState<ReturnType<typeof verifyPin>>;
type DropState<T> = T extends { state: CitizenPinState } ? Omit<T, "state"> : never;

/** An app code's check, without the state it wrote. */
export type TotpOutcome =
  | { outcome: "verified"; step: number; deviceId: string }
  | Exclude<TotpCheckResult, { outcome: "verified" | "wrong_code" }>
  | { outcome: "wrong_code"; lockedNow: boolean };

export type ReserveOutcome = { outcome: "reserved"; triesLeft: number } | GuardRefusal;
export type SettleOutcome = {
  blockedNow: boolean;
  pausedUntil: number | null;
  lockedUntil: number | null;
};
export type PasswordGuardView = {
  failures: number;
  /** Paused at the time asked about (a pause ends by itself at `pausedUntil`). */
  blocked: boolean;
  blockedAt: number | null;
  pausedUntil: number | null;
};
/** What an unlock found and lifted. */
export type UnlockOutcome = { failures: number; passwordFailures: number };

/** A session as callers see it: never the secret's digest. */
export type SessionView = Omit<Session, "secretHash"> & { endsAt: number };

export type PushOutcome = PushAdmission extends infer A
  ? A extends unknown
    ? Omit<A, "state">
    : never
  : never;

export class CitizenObject extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    // Answered by the runtime without waking the object: keep-alives cost nothing.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
  }

  private policy(): PinPolicy {
    const config = configFrom(this.env);
    return { ...config.pin, failures: config.failures };
  }

  private guardPolicy(): GuardPolicy {
    const config = configFrom(this.env);
    const { maxFailures, pauseMs, pauseMaxMs } = config.password;
    return { maxFailures, pauseMs, pauseMaxMs, account: this.policy() };
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
    this.dropDeadPins();
    return outcome;
  }

  /** Checks a PIN digest; consumes the PIN or counts the failure before returning. */
  verifyPin(input: VerifyInput): VerifyOutcome {
    const { state, ...outcome } = verifyPin(this.load(), input, this.policy());
    this.save(state);
    this.dropDeadPins();
    return outcome;
  }

  /**
   * Checks an app code (TOTP) against the codes the caller computed for the citizen's devices:
   * records the accepted step, or counts the failure on the account-wide counter, before
   * returning — so of two submissions of one code, however they race, one is accepted.
   */
  verifyTotp(input: TotpCheckInput): TotpOutcome {
    const replay = this.ctx.storage.kv.get<TotpReplayState>(TOTP_KEY) ?? null;
    const result = checkTotp(this.load(), replay, input, this.policy());
    switch (result.outcome) {
      case "verified":
        this.ctx.storage.kv.put(TOTP_KEY, result.replay);
        this.save(result.account);
        return { outcome: "verified", step: result.step, deviceId: result.deviceId };
      case "wrong_code":
        this.save(result.account);
        return { outcome: "wrong_code", lockedNow: result.lockedNow };
      default:
        return result;
    }
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

  /**
   * Records how a reserved attempt ended. `counted: false` settles an attempt the guard
   * refused, which changes nothing: the caller does the same calls either way, so that a
   * refusal costs the same work as an attempt.
   */
  settlePasswordTry(input: { ok: boolean | null; now: number; counted?: boolean }): SettleOutcome {
    if (input.counted === false) return { blockedNow: false, pausedUntil: null, lockedUntil: null };
    const result = settleTry(this.guard(), this.load(), input, this.guardPolicy());
    this.ctx.storage.kv.put(PASSWORD_KEY, result.guard);
    this.save(result.account);
    const { blockedNow, pausedUntil, lockedUntil } = result;
    return { blockedNow, pausedUntil, lockedUntil };
  }

  /** A password set again (activation code) starts with a clean guard. */
  resetPasswordGuard(): void {
    this.ctx.storage.kv.delete(PASSWORD_KEY);
  }

  /** The guard as it stands at `now` (by default the object's clock). */
  passwordGuard(now: number = Date.now()): PasswordGuardView {
    const guard = this.guard();
    const policy = this.guardPolicy();
    const until = pausedUntil(guard, now, policy);
    return {
      failures: guardFailures(guard, now, policy),
      blocked: until !== null,
      blockedAt: guard.blockedAt,
      pausedUntil: until,
    };
  }

  /** Test and operator visibility into counters (never digests). */
  failureCount(): number {
    return this.load().failures.consecutive;
  }

  /**
   * Lifts every lockout at once: the account-wide counter (its back-off and hard stop) and
   * the password's pause. For an operator's audited unlock and a login with the Llave app,
   * which proves more than any of the secrets these counters guard.
   */
  clearFailures(input: { now: number }): UnlockOutcome {
    const state = this.load();
    const policy = this.guardPolicy();
    const lifted = {
      failures: effectiveFailures(state.failures, input.now, policy.account.failures),
      passwordFailures: guardFailures(this.guard(), input.now, policy),
    };
    if (state.failures.consecutive > 0) this.save(clearFailures(state));
    this.ctx.storage.kv.delete(PASSWORD_KEY);
    return lifted;
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

  /**
   * Records a grant issued in session `sid` (or without one), so that logging out of that
   * session, or a suspension, can revoke it: the caller revokes the handles `logOut` and
   * `suspend` answer in their LoginObjects.
   */
  recordGrant(input: { handle: string } & GrantRecord): void {
    const record: GrantRecord = { sid: input.sid, until: input.until };
    this.ctx.storage.kv.put(GRANT_PREFIX + input.handle, record);
    this.scheduleCleanup();
  }

  /** Forgets and answers the grants of session `sid`, or all of them (null). */
  private takeGrants(sid: string | null): string[] {
    const taken: string[] = [];
    for (const [key, grant] of this.ctx.storage.kv.list<GrantRecord>({ prefix: GRANT_PREFIX })) {
      if (sid !== null && grant.sid !== sid) continue;
      this.ctx.storage.kv.delete(key);
      taken.push(key.slice(GRANT_PREFIX.length));
    }
    return taken;
  }

  /** RP-initiated logout: ends the session and answers it with the grants issued in it. */
  logOut(sid: string): Ended {
    const session = this.endSession(sid);
    return { sessions: session ? [session] : [], grants: session ? this.takeGrants(sid) : [] };
  }

  /**
   * A suspension: every session ends, every grant is answered for revocation, and the app's
   * pending approvals are withdrawn (the app removes them from its screen).
   */
  suspend(): Ended {
    const sessions = this.endAllSessions();
    const grants = this.takeGrants(null);
    for (const item of this.items()) this.removeItem(item);
    return { sessions, grants };
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

  // ── The citizen app ─────────────────────────────────────────────────────────────────

  private items(): InboxItem[] {
    return [...this.ctx.storage.kv.list<InboxItem>({ prefix: INBOX_PREFIX })].map(([, i]) => i);
  }

  private broadcast(message: unknown, deviceId?: string): number {
    const text = JSON.stringify(message);
    let sent = 0;
    for (const ws of this.ctx.getWebSockets(deviceId)) {
      try {
        ws.send(text);
        sent++;
      } catch {
        // A socket closing as we send: the app polls the inbox when it reconnects.
      }
    }
    return sent;
  }

  /**
   * Puts an item in the app's inbox, replacing any earlier item for the same login, and sends
   * it to the app's open sockets. Stored first: an app that is offline finds it by polling.
   */
  deliverToApp(item: InboxItem): { sockets: number } {
    for (const old of this.items()) {
      if (old.ref === item.ref && old.id !== item.id) this.removeItem(old);
    }
    this.dropDeadPins();
    this.ctx.storage.kv.put(INBOX_PREFIX + item.id, item);
    this.scheduleCleanup();
    return { sockets: this.broadcast({ type: "inbox", item: appItem(item) }) };
  }

  /** The live items a device created at `since` may see, newest first. */
  appInbox(now: number, since = 0): AppItem[] {
    const { challenge } = this.load();
    return visibleItems(this.items(), { now, since, challenge }).map(appItem);
  }

  /**
   * Takes out of the inbox, and off the app's screen, every PIN that can no longer be typed:
   * superseded, used or out of tries (app-inbox.ts `isLivePin`).
   */
  private dropDeadPins(): void {
    const { challenge } = this.load();
    for (const item of this.items()) {
      if (item.kind === "pin" && !isLivePin(item, challenge)) this.removeItem(item);
    }
  }

  private removeItem(item: InboxItem): void {
    this.ctx.storage.kv.delete(INBOX_PREFIX + item.id);
    this.broadcast({ type: "removed", id: item.id });
  }

  /** Takes the items of login `ref` out of the inbox (answered, or no longer wanted). */
  withdraw(ref: string): void {
    for (const item of this.items()) if (item.ref === ref) this.removeItem(item);
  }

  /**
   * Counts a push against the fatigue limits; a push admitted replaces the pending one. The
   * policy comes from the caller's configuration, as the app that sends pushes reads it.
   */
  admitPush(input: { ref: string; now: number; policy: PushPolicy }): PushOutcome {
    const stored = this.ctx.storage.kv.get<PushState>(PUSH_KEY) ?? emptyPushState();
    const { state, ...outcome } = admitPush(stored, input, input.policy);
    this.ctx.storage.kv.put(PUSH_KEY, state);
    if (outcome.outcome === "admitted" && outcome.replaced) this.withdraw(outcome.replaced);
    this.scheduleCleanup();
    return outcome;
  }

  /** Records the app's answer to a push or CIBA request and clears it from the inbox. */
  approvalAnswered(input: Parameters<typeof pushAnswered>[1] & { policy: PushPolicy }): void {
    const stored = this.ctx.storage.kv.get<PushState>(PUSH_KEY);
    if (stored) this.ctx.storage.kv.put(PUSH_KEY, pushAnswered(stored, input, input.policy));
    this.withdraw(input.ref);
  }

  /** Accepts a device proof's `jti` once (RFC 9449 11.1); false for a replay. */
  acceptProof(input: { jti: string; now: number; ttlMs: number }): boolean {
    const key = JTI_PREFIX + input.jti;
    const seen = this.ctx.storage.kv.get<number>(key);
    if (seen !== undefined && input.now < seen) return false;
    this.ctx.storage.kv.put(key, input.now + input.ttlMs);
    this.scheduleCleanup();
    return true;
  }

  /** A single-use ticket for one WebSocket, stored as its digest. */
  openTicket(input: { digest: string; deviceId: string; expiresAt: number }): void {
    const ticket: Ticket = { deviceId: input.deviceId, expiresAt: input.expiresAt };
    this.ctx.storage.kv.put(TICKET_PREFIX + input.digest, ticket);
    this.scheduleCleanup();
  }

  /** The app's WebSocket: `GET …/socket?ticket=<handle>.<secret>`, upgraded here. */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") {
      return new Response("Expected a WebSocket upgrade", { status: 426 });
    }
    const secret = new URL(request.url).searchParams.get("ticket")?.split(".")[1] ?? "";
    const key = TICKET_PREFIX + (await sha256(secret));
    // Decided synchronously after the only await: a ticket opens one socket.
    const ticket = this.ctx.storage.kv.get<Ticket>(key);
    this.ctx.storage.kv.delete(key);
    if (!ticket || Date.now() >= ticket.expiresAt) {
      return new Response("The socket ticket is not valid", { status: 401 });
    }
    const pair = new WebSocketPair();
    const [client, server] = [pair[0], pair[1]];
    this.ctx.acceptWebSocket(server, [ticket.deviceId]);
    const attachment: SocketAttachment = { deviceId: ticket.deviceId, openedAt: Date.now() };
    server.serializeAttachment(attachment);
    return new Response(null, { status: 101, webSocket: client });
  }

  override webSocketMessage(): void {
    // The app sends only "ping", which the auto-response answers; anything else is ignored.
  }

  override webSocketClose(ws: WebSocket, code: number): void {
    try {
      ws.close(code === 1005 || code === 1006 ? 1000 : code, "closed");
    } catch {
      // Already closed.
    }
  }

  /** A revoked device's sockets are told and closed. */
  disconnectDevice(deviceId: string): void {
    for (const ws of this.ctx.getWebSockets(deviceId)) {
      try {
        ws.send(JSON.stringify({ type: "revoked" }));
        ws.close(4401, "device revoked");
      } catch {
        // Already closed.
      }
    }
  }

  /** One alarm serves everything that expires: the earliest such time. */
  private scheduleCleanup(): void {
    const pin = this.ctx.storage.kv.get<CitizenPinState>(PIN_KEY);
    const push = this.ctx.storage.kv.get<PushState>(PUSH_KEY);
    const totp = this.ctx.storage.kv.get<TotpReplayState>(TOTP_KEY);
    const policy = this.sessionPolicy();
    const times = [
      ...(pin ? [nextCleanupAt(pin)] : []),
      ...(push ? [pushCleanupAt(push)] : []),
      ...(totp ? [totp.keepUntil] : []),
      ...this.sessions().map((s) => sessionEndsAt(s, policy)),
      ...this.items().map((i) => i.expiresAt),
      ...[...this.ctx.storage.kv.list<GrantRecord>({ prefix: GRANT_PREFIX })].map(
        ([, g]) => g.until,
      ),
      ...[...this.ctx.storage.kv.list<number>({ prefix: JTI_PREFIX })].map(([, at]) => at),
      ...[...this.ctx.storage.kv.list<Ticket>({ prefix: TICKET_PREFIX })].map(
        ([, t]) => t.expiresAt,
      ),
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
    const push = this.ctx.storage.kv.get<PushState>(PUSH_KEY);
    const nextPush = push ? expirePush(push, now) : null;
    if (nextPush) this.ctx.storage.kv.put(PUSH_KEY, nextPush);
    else this.ctx.storage.kv.delete(PUSH_KEY);
    const totp = this.ctx.storage.kv.get<TotpReplayState>(TOTP_KEY);
    const replayKept = totp !== undefined && now < totp.keepUntil;
    if (totp && !replayKept) this.ctx.storage.kv.delete(TOTP_KEY);
    for (const item of this.items()) if (now >= item.expiresAt) this.removeItem(item);
    for (const prefix of [JTI_PREFIX, TICKET_PREFIX, GRANT_PREFIX]) {
      for (const [key, value] of this.ctx.storage.kv.list<number | Ticket | GrantRecord>({
        prefix,
      })) {
        const until =
          typeof value === "number" ? value : "expiresAt" in value ? value.expiresAt : value.until;
        if (now >= until) this.ctx.storage.kv.delete(key);
      }
    }
    const guarded = this.ctx.storage.kv.get<PasswordGuard>(PASSWORD_KEY) !== undefined;
    const left = [INBOX_PREFIX, JTI_PREFIX, TICKET_PREFIX, GRANT_PREFIX].some(
      (prefix) => [...this.ctx.storage.kv.list({ prefix, limit: 1 })].length > 0,
    );
    if (!next && !nextPush && !guarded && !replayKept && !left && this.sessions().length === 0) {
      await this.ctx.storage.deleteAll();
      return;
    }
    this.scheduleCleanup();
  }
}
