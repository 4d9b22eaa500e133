/**
 * The Durable Objects as ports: the app talks to `CitizenChallenges` and `LoginTransactions`,
 * not to namespaces, so its dependencies stay visible in `createApp` and its handlers read as
 * calls on domain objects. Each port method is one RPC to one object.
 */
import type { AppItem, InboxItem } from "../methods/mobile/app-inbox.ts";
import type { TotpCheckInput } from "../methods/password/totp-check.ts";
import type { IssueInput, VerifyInput } from "../methods/pin/pin-challenge.ts";
import type {
  CitizenObject,
  Ended,
  IssueOutcome,
  PasswordGuardView,
  PushOutcome,
  ReserveOutcome,
  SessionView,
  SettleOutcome,
  TotpOutcome,
  UnlockOutcome,
  VerifyOutcome,
} from "./citizen-object.ts";
import type { HitOutcome, LimiterObject } from "./limiter-object.ts";
import type { LoginObject } from "./login-object.ts";

export interface CitizenChallenges {
  issuePin(citizenKey: string, input: IssueInput & { decoy: boolean }): Promise<IssueOutcome>;
  verifyPin(citizenKey: string, input: VerifyInput): Promise<VerifyOutcome>;
  /** Checks an app code against its candidates; the step or the failure is stored first. */
  verifyTotp(citizenId: string, input: TotpCheckInput): Promise<TotpOutcome>;
  reservePasswordTry(
    citizenKey: string,
    input: { now: number; decoy: boolean },
  ): Promise<ReserveOutcome>;
  settlePasswordTry(
    citizenKey: string,
    input: { ok: boolean | null; now: number; counted?: boolean },
  ): Promise<SettleOutcome>;
  resetPasswordGuard(citizenKey: string): Promise<void>;
  passwordGuard(citizenKey: string, now?: number): Promise<PasswordGuardView>;
  /** Lifts the account-wide back-off and hard stop and the password's pause. */
  clearFailures(citizenId: string, input: { now: number }): Promise<UnlockOutcome>;
}

/**
 * Single sign-on sessions, kept in the citizen's object. `open` is addressed by citizen id;
 * the rest by the citizen object's handle, which the session cookie carries (an opaque id that
 * is not the citizen id).
 */
export interface CitizenSessions {
  handleOf(citizenId: string): string;
  open(citizenId: string, input: Parameters<CitizenObject["openSession"]>[0]): Promise<SessionView>;
  use(
    handle: string,
    input: Parameters<CitizenObject["useSession"]>[0],
  ): Promise<SessionView | null>;
  end(handle: string, sid: string): Promise<SessionView | null>;
  endAll(citizenId: string): Promise<SessionView[]>;
  /** Records a grant so that logout or suspension can revoke it (citizen-object.ts). */
  recordGrant(citizenId: string, input: Parameters<CitizenObject["recordGrant"]>[0]): Promise<void>;
  /** Ends the session and answers the grants issued in it; nothing for an unknown handle. */
  logOut(handle: string, sid: string): Promise<Ended>;
  /** Ends every session, answers every grant, withdraws the app's approvals. */
  suspend(citizenId: string): Promise<Ended>;
  list(citizenId: string, now: number): Promise<SessionView[]>;
}

/**
 * The citizen app's side of the citizen's object (methods/mobile/): its inbox, the push
 * limits, the proof replay cache and its WebSockets. Addressed by citizen id (or decoy key);
 * a socket ticket carries the object's handle instead.
 */
export interface CitizenApps {
  deliver(citizenId: string, item: InboxItem): Promise<{ sockets: number }>;
  /** What a device created at `since` may see (methods/mobile/app-inbox.ts `visibleItems`). */
  inbox(citizenId: string, now: number, since?: number): Promise<AppItem[]>;
  admitPush(
    citizenKey: string,
    input: Parameters<CitizenObject["admitPush"]>[0],
  ): Promise<PushOutcome>;
  answered(
    citizenId: string,
    input: Parameters<CitizenObject["approvalAnswered"]>[0],
  ): Promise<void>;
  acceptProof(
    citizenId: string,
    input: { jti: string; now: number; ttlMs: number },
  ): Promise<boolean>;
  /** Stores a socket ticket; answers the handle the ticket must carry. */
  openTicket(
    citizenId: string,
    input: { digest: string; deviceId: string; expiresAt: number },
  ): Promise<string>;
  /** Hands a WebSocket upgrade to the object a ticket's handle names; null if none. */
  connect(handle: string, request: Request): Promise<Response | null>;
  disconnect(citizenId: string, deviceId: string): Promise<void>;
}

type LoginObjectApi = Pick<
  LoginObject,
  | "start"
  | "startFromSession"
  | "get"
  | "requestPin"
  | "passwordAccepted"
  | "passwordAuthenticated"
  | "changeTarget"
  | "passwordChanged"
  | "activationStarted"
  | "otpSent"
  | "otpCheckTarget"
  | "otpAccepted"
  | "activationTarget"
  | "activated"
  | "pinTarget"
  | "startMobile"
  | "mobileStatus"
  | "scanQr"
  | "approval"
  | "answerMobile"
  | "startBackchannel"
  | "pollBackchannel"
  | "authenticate"
  | "issueCode"
  | "redeemCode"
  | "rotateRefresh"
  | "revoke"
  | "grant"
  | "refreshGrant"
>;
type Promised<T> = {
  [K in keyof T]: T[K] extends (...a: infer A) => infer R ? (...a: A) => Promise<R> : never;
};

export type LoginTransactionStub = Promised<LoginObjectApi>;

/**
 * One login transaction's object, by transaction id or by its handle. The handle (the object's
 * id) is what codes, tokens and cookies carry to find the transaction again: unlike the login
 * id, it opens none of the login API, so handing it to an agency reveals nothing.
 */
export interface LoginTransactions {
  get(loginId: string): LoginTransactionStub;
  handleOf(loginId: string): string;
  /** Null for a string that is not a handle of this namespace. */
  byHandle(handle: string): LoginTransactionStub | null;
}

export const citizenChallenges = (ns: DurableObjectNamespace<CitizenObject>): CitizenChallenges => {
  const stub = (key: string) => ns.get(ns.idFromName(key));
  return {
    issuePin: (key, input) => stub(key).issuePin(input) as Promise<IssueOutcome>,
    verifyPin: (key, input) => stub(key).verifyPin(input) as Promise<VerifyOutcome>,
    verifyTotp: (id, input) => stub(id).verifyTotp(input) as Promise<TotpOutcome>,
    reservePasswordTry: (key, input) =>
      stub(key).reservePasswordTry(input) as Promise<ReserveOutcome>,
    settlePasswordTry: (key, input) => stub(key).settlePasswordTry(input) as Promise<SettleOutcome>,
    resetPasswordGuard: async (key) => {
      await stub(key).resetPasswordGuard();
    },
    passwordGuard: (key, now) => stub(key).passwordGuard(now) as Promise<PasswordGuardView>,
    clearFailures: (id, input) => stub(id).clearFailures(input) as Promise<UnlockOutcome>,
  };
};

/** An object's id as `toString()` writes it: what codes, tokens and cookies carry. */
export const HANDLE = /^[0-9a-f]{64}$/;

/** The object a handle names, or null for a string this namespace did not mint. */
function byHandle<T extends Rpc.DurableObjectBranded | undefined>(
  ns: DurableObjectNamespace<T>,
  handle: string,
): DurableObjectStub<T> | null {
  if (!HANDLE.test(handle)) return null;
  try {
    return ns.get(ns.idFromString(handle));
  } catch {
    return null;
  }
}

export const citizenSessions = (ns: DurableObjectNamespace<CitizenObject>): CitizenSessions => {
  const named = (citizenId: string) => ns.get(ns.idFromName(citizenId));
  return {
    handleOf: (citizenId) => ns.idFromName(citizenId).toString(),
    open: (citizenId, input) => named(citizenId).openSession(input) as Promise<SessionView>,
    use: async (handle, input) =>
      ((await byHandle(ns, handle)?.useSession(input)) as SessionView | null | undefined) ?? null,
    end: async (handle, sid) =>
      ((await byHandle(ns, handle)?.endSession(sid)) as SessionView | null | undefined) ?? null,
    endAll: (citizenId) => named(citizenId).endAllSessions() as Promise<SessionView[]>,
    recordGrant: async (citizenId, input) => {
      await named(citizenId).recordGrant(input);
    },
    logOut: async (handle, sid) =>
      ((await byHandle(ns, handle)?.logOut(sid)) as Ended | undefined) ?? {
        sessions: [],
        grants: [],
      },
    suspend: (citizenId) => named(citizenId).suspend() as Promise<Ended>,
    list: (citizenId, now) => named(citizenId).listSessions(now) as Promise<SessionView[]>,
  };
};

export const citizenApps = (ns: DurableObjectNamespace<CitizenObject>): CitizenApps => {
  const stub = (key: string) => ns.get(ns.idFromName(key));
  return {
    deliver: (id, item) => stub(id).deliverToApp(item) as Promise<{ sockets: number }>,
    inbox: (id, now, since) => stub(id).appInbox(now, since) as Promise<AppItem[]>,
    admitPush: (key, input) => stub(key).admitPush(input) as Promise<PushOutcome>,
    answered: async (id, input) => {
      await stub(id).approvalAnswered(input);
    },
    acceptProof: (id, input) => stub(id).acceptProof(input) as Promise<boolean>,
    openTicket: async (id, input) => {
      await stub(id).openTicket(input);
      return ns.idFromName(id).toString();
    },
    connect: async (handle, request) => (await byHandle(ns, handle)?.fetch(request)) ?? null,
    disconnect: async (id, deviceId) => {
      await stub(id).disconnectDevice(deviceId);
    },
  };
};

export const loginTransactions = (ns: DurableObjectNamespace<LoginObject>): LoginTransactions => ({
  get: (loginId) => ns.get(ns.idFromName(loginId)) as unknown as LoginTransactionStub,
  handleOf: (loginId) => ns.idFromName(loginId).toString(),
  byHandle: (handle) => byHandle(ns, handle) as unknown as LoginTransactionStub | null,
});

/** Rate limits by key (an IP address, a prefix): fixed windows kept in LimiterObjects. */
export interface RateLimits {
  hit(key: string, input: { limit: number; windowMs: number; now: number }): Promise<HitOutcome>;
}

export const rateLimits = (ns: DurableObjectNamespace<LimiterObject>): RateLimits => ({
  hit: (key, input) => ns.get(ns.idFromName(key)).hit(input) as Promise<HitOutcome>,
});
