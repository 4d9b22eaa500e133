/**
 * LoginObject: one Durable Object per login transaction. It serialises and persists the
 * transaction; the rules live in login/login-transaction.ts (the login itself) and
 * oidc/authorization-grant.ts (the code and what it grants). As in CitizenObject, each method
 * reads, decides and writes synchronously, so a transaction is authenticated once and a code
 * redeemed once, however many requests race.
 */
import { DurableObject } from "cloudflare:workers";
import { configFrom } from "../config.ts";
import type { Env } from "../env.ts";
import {
  type Authentication,
  authenticate,
  type LoginOrigin,
  type LoginPolicy,
  type LoginTransaction,
  pinTarget,
  requestPin,
  startFromSession,
  startLogin,
} from "../login/login-transaction.ts";
import {
  answerMobile,
  approvalFor,
  type MobileStatus,
  type MobileStep,
  mobileStatus,
  scanQr,
  startMobile,
} from "../login/mobile-steps.ts";
import {
  activated,
  activationStarted,
  activationTarget,
  changeTarget,
  type OtpPolicy,
  otpAccepted,
  otpCheckTarget,
  otpSent,
  passwordAccepted,
  passwordAuthenticated,
  passwordChanged,
} from "../login/password-steps.ts";
import type { ApprovalView } from "../methods/mobile/app-inbox.ts";
import { qrPayload } from "../methods/mobile/qr-frame.ts";
import {
  grantRetainedUntil,
  issueCode,
  liveGrant,
  liveRefresh,
  redeemCode,
  revokeGrant,
  rotateRefresh,
} from "../oidc/authorization-grant.ts";
import { pollBackchannel, startBackchannel } from "../oidc/backchannel-grant.ts";

const TX_KEY = "tx";
/** Keep a finished or abandoned transaction this long past its expiry for support lookups. */
const RETENTION_MS = 3_600_000;

const BARE = { authorization: null, browser: null, sid: null, code: null, grant: null };
/** A transition's answer without the transaction it saved (distributes over the union). */
type WithoutTx<R> = R extends unknown ? Omit<R, "tx"> : never;

const notFound = { ok: false as const, reason: "login_not_found" as const };

/** What the login page is told about the app, with the QR frame to show now. */
export type MobileStatusView = Omit<MobileStatus, "frameSeconds"> & { frame: string | null };
type Waiting = Extract<MobileStep, { kind: "mobile_waiting" }>;

export class LoginObject extends DurableObject<Env> {
  /**
   * The stored transaction as last read or written by this instance (undefined: not read yet).
   * Storage stays the record: every change is written before it is kept here, and a failed
   * write resets the object, memory included. What this saves is reading and deserialising
   * the transaction again on each call — a login makes several, the token endpoint one.
   */
  private tx: LoginTransaction | null | undefined;
  /** Long polls of the login page waiting for the next change (never state: see save()). */
  private readonly waiters = new Set<() => void>();

  private policy(): LoginPolicy {
    return configFrom(this.env).pin;
  }

  private otpPolicy(): OtpPolicy {
    const { pin } = configFrom(this.env);
    return { resendCooldownMs: pin.resendCooldownMs, maxRequestsPerLogin: pin.maxRequestsPerLogin };
  }

  /**
   * Applies a transition of login/password-steps.ts: saves the transaction when it moved, and
   * answers what the transition decided (never the whole transaction).
   */
  private step<R extends { ok: boolean }>(
    transition: (tx: LoginTransaction) => R & { tx?: LoginTransaction },
  ) {
    const tx = this.get();
    if (!tx) return notFound;
    const { tx: next, ...result } = transition(tx);
    if (result.ok && next) this.save(next);
    return result as WithoutTx<R>;
  }

  private save(tx: LoginTransaction): void {
    this.ctx.storage.kv.put(TX_KEY, tx);
    this.tx = tx;
    // Written first, then announced: a woken poll reads the stored state.
    for (const wake of this.waiters) wake();
    this.waiters.clear();
  }

  private create(tx: LoginTransaction): LoginTransaction | null {
    if (this.get()) return null;
    this.save(tx);
    void this.ctx.storage.setAlarm(tx.expiresAt + RETENTION_MS);
    return tx;
  }

  /** Creates the transaction; a second call for the same id is refused. */
  start(input: {
    id: string;
    now: number;
    ttlMs: number;
    origin?: LoginOrigin | null;
    /** A login that starts further on: a password session stepping up to the second factor. */
    step?: LoginTransaction["step"];
  }): LoginTransaction | null {
    const tx = startLogin(input.id, input.now, input.ttlMs, input.origin ?? null);
    return this.create(input.step ? { ...tx, step: input.step } : tx);
  }

  /**
   * Creates a transaction already authenticated by a single sign-on session, with its code
   * issued in the same step (one call, one write, for every /authorize answered by SSO).
   */
  startFromSession(input: {
    id: string;
    now: number;
    ttlMs: number;
    origin: LoginOrigin;
    auth: Authentication;
    code: { hash: string; sid: string; ttlMs: number };
  }): boolean {
    const { id, now, ttlMs, origin, auth, code } = input;
    const issued = issueCode(startFromSession(id, now, ttlMs, origin, auth), {
      codeHash: code.hash,
      sid: code.sid,
      now,
      ttlMs: code.ttlMs,
    });
    return issued.ok && this.create(issued.tx) !== null;
  }

  get(): LoginTransaction | null {
    if (this.tx === undefined) {
      const tx = this.ctx.storage.kv.get<Partial<LoginTransaction>>(TX_KEY);
      // Transactions stored before the OpenID Connect fields existed read as bare API logins.
      this.tx = tx ? ({ ...BARE, ...tx } as LoginTransaction) : null;
    }
    return this.tx;
  }

  requestPin(input: Parameters<typeof requestPin>[1]) {
    const tx = this.get();
    if (!tx) return notFound;
    const result = requestPin(tx, input, this.policy());
    if (result.ok) this.save(result.tx);
    return result;
  }

  passwordAccepted(input: Parameters<typeof passwordAccepted>[1]) {
    return this.step((tx) => passwordAccepted(tx, input));
  }

  passwordAuthenticated(auth: Authentication, now: number) {
    return this.step((tx) => passwordAuthenticated(tx, auth, now));
  }

  changeTarget(now: number) {
    return this.step((tx) => changeTarget(tx, now));
  }

  passwordChanged(input: Parameters<typeof passwordChanged>[1]) {
    return this.step((tx) => passwordChanged(tx, input));
  }

  activationStarted(input: Parameters<typeof activationStarted>[1]) {
    return this.step((tx) => activationStarted(tx, input, this.otpPolicy()));
  }

  otpSent(now: number) {
    return this.step((tx) => otpSent(tx, now, this.otpPolicy()));
  }

  otpCheckTarget(now: number) {
    return this.step((tx) => otpCheckTarget(tx, now));
  }

  otpAccepted(input: Parameters<typeof otpAccepted>[1]) {
    return this.step((tx) => otpAccepted(tx, input));
  }

  activationTarget(now: number) {
    return this.step((tx) => activationTarget(tx, now));
  }

  activated(now: number) {
    return this.step((tx) => activated(tx, now));
  }

  pinTarget(now: number) {
    const tx = this.get();
    if (!tx) return notFound;
    return pinTarget(tx, now);
  }

  authenticate(auth: Authentication, now: number) {
    const tx = this.get();
    if (!tx) return notFound;
    const result = authenticate(tx, auth, now);
    if (result.ok) this.save(result.tx);
    return result;
  }

  issueCode(input: Parameters<typeof issueCode>[1]) {
    const tx = this.get();
    if (!tx) return notFound;
    const result = issueCode(tx, input);
    if (result.ok) this.save(result.tx);
    return result.ok ? { ok: true as const } : { ok: false as const, reason: result.reason };
  }

  redeemCode(input: Parameters<typeof redeemCode>[1]) {
    const tx = this.get();
    if (!tx) return notFound;
    const result = redeemCode(tx, input);
    // A refusal may carry a transaction to persist: a replay revokes the grant.
    if (result.tx) this.keep(result.tx);
    return result.ok
      ? { ok: true as const, context: result.context }
      : { ok: false as const, reason: result.reason };
  }

  rotateRefresh(input: Parameters<typeof rotateRefresh>[1]) {
    const tx = this.get();
    if (!tx) return notFound;
    const result = rotateRefresh(tx, input);
    if (result.tx) this.keep(result.tx);
    return result.ok
      ? { ok: true as const, context: result.context, generation: result.generation }
      : { ok: false as const, reason: result.reason };
  }

  // ── The mobile method (login/mobile-steps.ts) ───────────────────────────────────────────

  /** This object's id: the QR's token and the approval's id, which the app sends back. */
  private handle(): string {
    return this.ctx.id.toString();
  }

  private statusView(tx: LoginTransaction, now: number): MobileStatusView | null {
    const status = mobileStatus(tx, now);
    if (!status) return null;
    const { frameSeconds, ...rest } = status;
    const step = tx.step as Waiting;
    const frame =
      frameSeconds !== null && step.qrSecret
        ? qrPayload(this.handle(), step.qrSecret, frameSeconds)
        : null;
    return { ...rest, frame };
  }

  private approvalView(step: Waiting): ApprovalView {
    return {
      id: this.handle(),
      mode: step.mode,
      agency: step.agency,
      location: step.origin.location,
      browser: step.origin.browser,
      choices: step.choices,
      bindingMessage: step.bindingMessage,
      expiresAt: step.expiresAt,
    };
  }

  /** Starts waiting for the app (QR, push or CIBA); answers the page's first status. */
  startMobile(input: Parameters<typeof startMobile>[1]) {
    const tx = this.get();
    if (!tx) return notFound;
    const result = startMobile(tx, input);
    if (!result.ok) return result;
    this.save(result.tx);
    const step = result.tx.step as Waiting;
    return {
      ok: true as const,
      status: this.statusView(result.tx, input.startedAt),
      approval: this.approvalView(step),
    };
  }

  /**
   * The page's long poll: answers at once when the state moved past `after` (or `after` is
   * null), otherwise when it moves or at `wakeAt` (the next QR frame), whichever is first.
   * `now` is the caller's clock; the wait is measured on this isolate's.
   */
  async mobileStatus(input: {
    now: number;
    after: number | null;
    maxWaitMs: number;
  }): Promise<MobileStatusView | null> {
    const tx = this.get();
    if (!tx) return null;
    const first = this.statusView(tx, input.now);
    if (!first || input.after === null || first.version > input.after) return first;
    if (first.status !== "waiting" && first.status !== "scanned") return first;
    const step = tx.step as Waiting;
    const untilFrame =
      step.mode === "qr" && first.frame
        ? 1000 - ((input.now - step.startedAt) % 1000)
        : input.maxWaitMs;
    const waitMs = Math.max(0, Math.min(untilFrame, input.maxWaitMs, step.expiresAt - input.now));
    const began = Date.now();
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, waitMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.waiters.add(done);
    });
    const now = input.now + (Date.now() - began);
    const current = this.get();
    return current ? this.statusView(current, Math.max(now, input.now + waitMs)) : null;
  }

  /** A device scanned a frame of this login's QR (checked and bound in one step). */
  scanQr(input: Parameters<typeof scanQr>[1]) {
    const tx = this.get();
    if (!tx) return { ok: false as const, reason: "approval_not_found" as const };
    const result = scanQr(tx, input);
    if (!result.ok) return result;
    this.save(result.tx);
    return { ok: true as const, approval: this.approvalView(result.step) };
  }

  /** The request as the citizen's app may see it (push, CIBA, or a QR it scanned). */
  approval(input: Parameters<typeof approvalFor>[1]) {
    const tx = this.get();
    if (!tx) return { ok: false as const, reason: "approval_not_found" as const };
    const result = approvalFor(tx, input);
    return result.ok ? { ok: true as const, approval: this.approvalView(result.step) } : result;
  }

  /** The app's signed answer. */
  answerMobile(input: Parameters<typeof answerMobile>[1]) {
    const tx = this.get();
    if (!tx) return { ok: false as const, reason: "approval_not_found" as const };
    const result = answerMobile(tx, input);
    if (!result.ok) return result;
    this.save(result.tx);
    return { ok: true as const, outcome: result.outcome, mode: result.mode };
  }

  // ── Backchannel authentication, CIBA (oidc/backchannel-grant.ts) ────────────────────────

  /**
   * Creates a transaction started by an agency's backend, already waiting for the citizen's
   * app, in one write; answers the approval as the app will see it (null if it exists).
   */
  startBackchannel(
    input: Parameters<typeof startBackchannel>[0],
    mobile: Parameters<typeof startBackchannel>[1],
  ): ApprovalView | null {
    const started = startBackchannel(input, mobile);
    if (!started.ok || !this.create(started.tx)) return null;
    return this.approvalView(started.tx.step as Waiting);
  }

  /**
   * One poll of the token endpoint: records the poll's time, or turns the approval into a
   * grant, before answering. A replay revokes what the first redemption issued.
   */
  pollBackchannel(input: Parameters<typeof pollBackchannel>[1]) {
    const tx = this.get();
    if (!tx) return { ok: false as const, reason: "auth_req_invalid" as const };
    const result = pollBackchannel(tx, input);
    if (result.tx) this.keep(result.tx);
    return result.ok
      ? { ok: true as const, context: result.context }
      : { ok: false as const, reason: result.reason };
  }

  /** Revokes the grant (codes, access and refresh tokens it issued). */
  revoke(): boolean {
    const tx = this.get();
    if (!tx?.grant) return false;
    this.save(revokeGrant(tx));
    return true;
  }

  /** The live grant behind an access or refresh token, or null once revoked or forgotten. */
  grant() {
    const tx = this.get();
    return tx ? liveGrant(tx) : null;
  }

  /** The grant behind a refresh token that is still current, or null. */
  refreshGrant(tokenHash: string, now: number) {
    const tx = this.get();
    return tx ? liveRefresh(tx, tokenHash, now) : null;
  }

  /** Saves and makes sure cleanup waits for the refresh family to end. */
  private keep(tx: LoginTransaction): void {
    this.save(tx);
    if (tx.grant?.refresh) void this.ctx.storage.setAlarm(grantRetainedUntil(tx) + RETENTION_MS);
  }

  /** Cleanup only: the transaction (and any refresh family) is long past its expiry. */
  override async alarm(): Promise<void> {
    const tx = this.get();
    const until = tx ? grantRetainedUntil(tx) + RETENTION_MS : 0;
    if (tx && Date.now() < until) {
      await this.ctx.storage.setAlarm(until);
      return;
    }
    this.tx = null;
    await this.ctx.storage.deleteAll();
  }
}
