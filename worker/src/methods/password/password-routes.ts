/**
 * The permanent-password login (docs/password.md):
 *   POST /api/logins/{loginId}/password          document + password
 *   POST /api/logins/{loginId}/password/change   a new password, when the old one has expired
 *   POST /api/logins/{loginId}/otp               send (or resend) the SMS code of this step
 *   POST /api/logins/{loginId}/otp/verify        check it: step-up done, or activation goes on
 *
 * Before any hashing, the request passes the per-IP limit and the citizen's guard, which counts
 * the attempt (password-guard.ts). An unknown document, a citizen without a password, a wrong
 * password and a password the guard does not let through (paused, backed off, locked) then do
 * the same work — a guard, one stored-hash lookup, one Argon2id, a settle — and get the same
 * answer, without tries left: so neither status, body nor timing says which it was, nor what
 * anybody else did to the document before (docs/password.md "Wrong passwords"). Only the
 * citizen learns of a pause, on their own contacts.
 */
import { type Context, Hono } from "hono";
import { requireDocument } from "../../api/identity-input.ts";
import { afterResponse, requester } from "../../api/request-context.ts";
import { jsonBody, requireJson } from "../../api/validate.ts";
import type { AppDeps } from "../../app.ts";
import { type AssuranceLevel, acrUri, meetsLevel } from "../../assurance/levels.ts";
import { lockedProblem, loginProblem, Problem, retryProblem, unreachable } from "../../errors.ts";
import { citizenTexts } from "../../i18n/server-i18n.ts";
import type { Authentication } from "../../login/login-transaction.ts";
import type { IssueOutcome, ReserveOutcome } from "../../objects/citizen-object.ts";
import type { Citizen } from "../../storage/account-store.ts";
import { decoyKey } from "../pin/pin-code.ts";
import { HashBusyError } from "./hash-gate.ts";
import { otpDigest, otpSentBody, sendOtp } from "./otp.ts";
import type { PasswordHasher } from "./password-hasher.ts";
import { PASSWORD_AMR, PASSWORD_OTP_AMR, passwordLevel } from "./password-levels.ts";
import { mobileHint, passwordNotices } from "./password-message.ts";
import { passwordProblems, policyFrom } from "./password-policy.ts";
import { NewPasswordRequest, OtpVerifyRequest, PasswordLoginRequest } from "./password-schemas.ts";

/** The key the per-IP limit counts under: the address, or its /64 for IPv6. */
export function ipKey(c: Context): string {
  const ip = c.req.header("cf-connecting-ip") ?? "unknown";
  return ip.includes(":") ? ipv6Prefix(ip) : ip;
}

const HEXTET = /^[0-9a-f]{1,4}$/;

/**
 * The /64 of an IPv6 address in one spelling (four groups, lower case, no leading zeros), so
 * that one network cannot get a fresh limit by writing its addresses differently ("::",
 * leading zeros, case). An IPv4-mapped address counts as its IPv4 address.
 */
function ipv6Prefix(ip: string): string {
  const lower = ip.toLowerCase();
  if (lower.includes(".")) return lower.slice(lower.lastIndexOf(":") + 1);
  const [head = "", tail] = lower.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const zeros = tail === undefined ? 0 : Math.max(0, 8 - left.length - right.length);
  const groups = [...left, ...Array<string>(zeros).fill("0"), ...right];
  if (groups.length !== 8 || !groups.every((g) => HEXTET.test(g))) return lower;
  return groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(":");
}

/** Refuses the request when its network made too many password attempts this minute. */
export async function checkIpLimit(
  deps: AppDeps,
  c: Context,
  scope: string,
  now: number,
  window = { limit: deps.config.password.attemptsPerIpMinute, windowMs: 60_000 },
) {
  const hit = await deps.limits.hit(`${scope}:${ipKey(c)}`, { ...window, now });
  if (!hit.ok) throw retryProblem("rate_limited", hit.retryAt, now);
}

/** Every contact of the citizen is told; the sends are audited by the caller's event. */
export async function notify(
  deps: AppDeps,
  citizen: Citizen,
  notice: Parameters<typeof passwordNotices>[1],
  c?: Context,
  until?: number,
) {
  const lang = citizenTexts(citizen, deps.config.timeZone, c);
  const sent = await Promise.allSettled(
    passwordNotices(citizen, notice, lang, until).map((m) => deps.delivery.send(m)),
  );
  return sent.filter((r) => r.status === "fulfilled").length;
}

/** The policy's reasons against `password` for this citizen, as a problem; none → passes. */
export function requireGoodPassword(deps: AppDeps, citizen: Citizen, password: string): void {
  const reasons = passwordProblems(password, policyFrom(deps.config.password.policy), {
    names: [citizen.givenName, citizen.familyName, citizen.secondFamilyName ?? ""],
    documentNumber: citizen.documentNumber,
  });
  if (reasons.length > 0) {
    throw new Problem("weak_password", "The password does not meet the rules", { reasons });
  }
}

/**
 * Why the guard refused to let a password be tried, as the wire problem: for a citizen who
 * is already authenticated (the citizen's area), never for a login, whose answers say nothing
 * about the guard (`wrongCredentials`).
 */
export function guardProblem(
  refusal: Exclude<ReserveOutcome, { outcome: "reserved" }>,
  now: number,
): Problem {
  switch (refusal.outcome) {
    case "paused":
      return lockedProblem("password_locked", refusal.until, now);
    case "locked":
      return lockedProblem("login_blocked", refusal.until, now);
    case "backoff":
      return retryProblem("login_backoff", refusal.retryAt, now);
    default:
      return unreachable(refusal);
  }
}

/** Hashing, or a 429 when the isolate's gate is full. */
export async function hashOrBusy(hasher: PasswordHasher, password: string): Promise<string> {
  try {
    return await hasher.hash(password);
  } catch (error) {
    if (error instanceof HashBusyError) throw busy();
    throw error;
  }
}

/**
 * The one answer to every password login that does not succeed, whatever the reason: true for
 * all of them, and the same for every document.
 */
const wrongCredentials = () =>
  new Problem(
    "invalid_credentials",
    "The document number or the password is not correct, or the password is paused after " +
      "repeated wrong attempts (its owner is told by SMS and e-mail until when)",
  );

/**
 * Why no step-up code went out, for a citizen who already proved their password: the hourly
 * send limit (with when one more may go, `retryAt` in epoch milliseconds and `retryAfter` in
 * seconds), or the account-wide block.
 */
function notSent(refusal: Extract<IssueOutcome, { outcome: "refused" }>, now: number): Problem {
  if (refusal.reason === "locked") {
    return new Problem(
      "login_blocked",
      "Login is blocked after repeated failures; it lifts by itself, or sooner with a login in the Llave app or at a registration office",
    );
  }
  const problem = retryProblem("otp_send_limit", refusal.retryAt, now);
  problem.extra.retryAt = refusal.retryAt;
  return problem;
}

const busy = () =>
  new Problem("password_busy", undefined, { retryAfter: 1 }, { "retry-after": "1" });

/** The login API's answer once a password login is authenticated. */
export const authenticated = (auth: Authentication) => ({
  status: "authenticated" as const,
  citizenId: auth.citizenId,
  method: auth.method,
  amr: auth.amr,
  acr: acrUri(auth.acr),
  authTime: auth.authTime,
});

export function passwordRoutes(deps: AppDeps, hasher: PasswordHasher): Hono {
  const { config, accounts, audit, citizens, credentials, logins, clock } = deps;
  const app = new Hono();

  /** What the login still needs after the password (or a forced change) was accepted. */
  async function afterPassword(
    c: Context,
    loginId: string,
    citizen: Citizen,
    input: { expired: boolean; now: number; required: AssuranceLevel },
  ) {
    const login = logins.get(loginId);
    const { required } = input;
    const alone = passwordLevel(config, citizen.registrationLevel, false);
    const needsSecondFactor =
      !meetsLevel(alone, required) &&
      meetsLevel(passwordLevel(config, citizen.registrationLevel, true), required);
    const hint = mobileHint(citizen.mobile);
    const first = { amr: PASSWORD_AMR, authTime: Math.floor(input.now / 1000) };
    if (input.expired || needsSecondFactor) {
      const step = await login.passwordAccepted({
        citizenId: citizen.id,
        registration: citizen.registrationLevel,
        first,
        expired: input.expired,
        needsSecondFactor,
        mobileHint: hint,
        now: input.now,
      });
      if (!step.ok) throw loginProblem(step, input.now);
      if (input.expired) return { status: "change_required" as const };
      return sendStepUp(c, loginId, citizen, input.now);
    }
    const auth: Authentication = {
      citizenId: citizen.id,
      method: "password",
      amr: PASSWORD_AMR,
      acr: alone,
      authTime: first.authTime,
    };
    const done = await login.passwordAuthenticated(auth, input.now);
    if (!done.ok) throw loginProblem(done, input.now);
    return authenticated(auth);
  }

  async function sendStepUp(c: Context, loginId: string, citizen: Citizen, now: number) {
    const sent = await logins.get(loginId).otpSent(now);
    if (!sent.ok) throw loginProblem(sent, now);
    const issued = await sendOtp(deps, c, { loginId, citizenKey: citizen.id, citizen, now });
    if (issued.outcome === "refused") throw notSent(issued, now);
    return otpSentBody(deps, sent.target.mobileHint);
  }

  app.post("/:loginId/password", requireJson, jsonBody(PasswordLoginRequest), async (c) => {
    const loginId = c.req.param("loginId");
    const body = c.req.valid("json");
    const document = requireDocument(body.document);
    const now = clock.now();
    const tx = await logins.get(loginId).get();
    if (!tx) throw new Problem("login_not_found");
    if (now >= tx.expiresAt) throw new Problem("login_expired");
    if (tx.step.kind === "authenticated") throw new Problem("already_authenticated");
    await checkIpLimit(deps, c, "password", now);

    const found = await accounts.findByDocument(document.type, document.number);
    const citizen = found?.status === "active" ? found : null;
    const citizenKey = citizen?.id ?? (await decoyKey(config.pinPepper, document));
    const reserved = await citizens.reservePasswordTry(citizenKey, { now, decoy: !citizen });
    const counted = reserved.outcome === "reserved";

    // Looked up for a decoy and for a refused attempt too, so every path makes the same
    // queries; a refused attempt is hashed against the dummy, never against the stored hash.
    const record = await credentials.password(citizen?.id ?? citizenKey);
    let result: { ok: boolean; rehash: boolean };
    try {
      result = await hasher.verify(counted ? (record?.hash ?? null) : null, body.password);
    } catch (error) {
      if (!(error instanceof HashBusyError)) throw error;
      await citizens.settlePasswordTry(citizenKey, { ok: null, now, counted });
      throw busy();
    }
    const settled = await citizens.settlePasswordTry(citizenKey, { ok: result.ok, now, counted });
    const who = requester(c, result.ok ? "citizen" : "anonymous", loginId);
    const base = { ...who, at: now, citizenId: citizen?.id ?? null };

    if (!result.ok || !citizen || !record) {
      afterResponse(c, async () => {
        await audit.append({
          ...base,
          event: "password.failed",
          detail: counted
            ? { triesLeft: reserved.triesLeft, matched: citizen !== null }
            : { refused: reserved.outcome, matched: citizen !== null },
        });
        const until = Math.max(settled.pausedUntil ?? 0, settled.lockedUntil ?? 0);
        if (!citizen || !(settled.blockedNow || settled.lockedUntil)) return;
        const notified = await notify(deps, citizen, "blocked", c, until);
        await audit.append({
          ...base,
          event: "password.blocked",
          detail: { notified, until: new Date(until).toISOString() },
        });
      });
      throw wrongCredentials();
    }

    if (result.rehash) {
      afterResponse(c, async () => {
        const hash = await hasher.hash(body.password);
        await credentials.rehashPassword(citizen.id, record.hash, hash, now);
        await audit.append({ ...base, event: "password.rehashed" });
      });
    }
    const expired = now >= record.expiresAt;
    const required = tx.authorization?.acr ?? "low";
    const answer = await afterPassword(c, loginId, citizen, { expired, now, required });
    afterResponse(c, () =>
      audit.append({
        ...base,
        event: "password.verified",
        detail: { expired, next: answer.status },
      }),
    );
    return c.json(answer);
  });

  app.post("/:loginId/password/change", requireJson, jsonBody(NewPasswordRequest), async (c) => {
    const loginId = c.req.param("loginId");
    const { password } = c.req.valid("json");
    const now = clock.now();
    const target = await logins.get(loginId).changeTarget(now);
    if (!target.ok) throw loginProblem(target, now);
    const citizen = await accounts.findById(target.citizenId);
    if (!citizen) throw new Problem("no_password_change");
    requireGoodPassword(deps, citizen, password);
    const hash = await hashOrBusy(hasher, password);
    const who = requester(c, "citizen", loginId);
    const event = {
      ...who,
      at: now,
      citizenId: citizen.id,
      event: "password.changed" as const,
      detail: { reason: "expired" },
    };
    await credentials.setPassword(
      { citizenId: citizen.id, hash, setAt: now, expiresAt: now + config.password.validityMs },
      [event],
    );
    afterResponse(c, () => notify(deps, citizen, "changed", c));
    const changed = await logins.get(loginId).passwordChanged({
      mobileHint: mobileHint(citizen.mobile),
      now,
    });
    if (!changed.ok) throw loginProblem(changed, now);
    const tx = await logins.get(loginId).get();
    const required = tx?.authorization?.acr ?? "low";
    return c.json(await afterPassword(c, loginId, citizen, { expired: false, now, required }));
  });

  app.post("/:loginId/otp", async (c) => {
    const loginId = c.req.param("loginId");
    const now = clock.now();
    const sent = await logins.get(loginId).otpSent(now);
    if (!sent.ok) throw loginProblem(sent, now);
    const { citizenKey } = sent.target;
    const citizen = sent.target.registration === null ? null : await accounts.findById(citizenKey);
    const issued = await sendOtp(deps, c, { loginId, citizenKey, citizen, now });
    // The step-up's citizen proved their password: they are told the truth. Activation has
    // proved nothing yet, so its answer must not differ from an unknown document's.
    if (issued.outcome === "refused" && sent.target.purpose === "second_factor" && citizen) {
      throw notSent(issued, now);
    }
    return c.json(otpSentBody(deps, sent.target.mobileHint), 202);
  });

  app.post("/:loginId/otp/verify", requireJson, jsonBody(OtpVerifyRequest), async (c) => {
    const loginId = c.req.param("loginId");
    const { code } = c.req.valid("json");
    const now = clock.now();
    const login = logins.get(loginId);
    const target = await login.otpCheckTarget(now);
    if (!target.ok) throw loginProblem(target, now);
    const digest = await otpDigest(config.pinPepper, loginId, code);
    const result = await citizens.verifyPin(target.citizenKey, {
      loginId,
      purpose: "otp",
      digest,
      now,
    });
    const real = target.registration !== null;
    const base = {
      ...requester(c, real ? "citizen" : "anonymous", loginId),
      at: now,
      citizenId: real ? target.citizenKey : null,
    };
    switch (result.outcome) {
      case "verified": {
        // A decoy's digest cannot match; this guards the invariant rather than a real path.
        if (target.registration === null) throw new Problem("otp_not_active");
        const auth: Authentication | null =
          target.purpose === "second_factor"
            ? {
                citizenId: target.citizenKey,
                method: "password",
                amr: PASSWORD_OTP_AMR,
                acr: passwordLevel(config, target.registration, true),
                authTime: Math.floor(now / 1000),
              }
            : null;
        const done = await login.otpAccepted({ citizenId: target.citizenKey, auth, now });
        if (!done.ok) throw loginProblem(done, now);
        afterResponse(c, () =>
          audit.append({ ...base, event: "otp.verified", detail: { purpose: target.purpose } }),
        );
        return c.json(auth ? authenticated(auth) : { status: "choose_password" as const });
      }
      case "wrong_pin":
        afterResponse(c, () =>
          audit.append({
            ...base,
            event: "otp.failed",
            detail: { purpose: target.purpose, triesLeft: result.triesLeft },
          }),
        );
        throw new Problem(
          "invalid_otp",
          result.triesLeft > 0
            ? `The code is not correct; ${result.triesLeft} tries left`
            : "The code is not correct and can no longer be used; ask for a new one",
          { triesLeft: result.triesLeft },
        );
      case "expired":
        throw new Problem("otp_expired", "The code has expired; ask for a new one");
      case "no_active_pin":
        throw new Problem("otp_not_active");
      case "backoff":
        throw retryProblem("login_backoff", result.retryAt, now);
      case "locked":
        throw lockedProblem("login_blocked", result.until, now);
      default:
        return unreachable(result);
    }
  });

  return app;
}
