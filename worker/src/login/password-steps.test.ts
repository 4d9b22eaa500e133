/**
 * The password method's steps in a login transaction: what each step lets through, so that a
 * login cannot skip the second factor, check a code that was never sent, finish an activation
 * as a login, or let a decoy's activation reach the password choice.
 */
import { describe, expect, it } from "vitest";
import type { Authentication, LoginTransaction } from "./login-transaction.ts";
import { startLogin } from "./login-transaction.ts";
import {
  activated,
  activationStarted,
  activationTarget,
  appCodeTarget,
  changeTarget,
  type FirstFactor,
  type OtpPolicy,
  otpAccepted,
  otpCheckTarget,
  otpSent,
  passwordAccepted,
  passwordAuthenticated,
  passwordChanged,
} from "./password-steps.ts";

const T0 = 1_800_000_000_000;
const TTL = 900_000;
const policy: OtpPolicy = { resendCooldownMs: 30_000, maxRequestsPerLogin: 5 };
const first: FirstFactor = { amr: ["pwd"], authTime: T0 / 1000 };
const stepUp: Authentication = {
  citizenId: "cit_a",
  method: "password",
  amr: ["pwd", "otp", "sms", "mfa"],
  acr: "substantial",
  authTime: T0 / 1000,
};

const fresh = (): LoginTransaction => startLogin("login-1", T0, TTL);

/** Unwraps a successful transition's transaction, failing the test otherwise. */
function next(result: { ok: boolean; tx?: LoginTransaction; reason?: string }): LoginTransaction {
  if (!result.ok || !result.tx) throw new Error(`refused: ${result.reason}`);
  return result.tx;
}

const accepted = (input: { expired?: boolean; needsSecondFactor?: boolean } = {}) =>
  next(
    passwordAccepted(fresh(), {
      citizenId: "cit_a",
      registration: "advanced",
      first,
      expired: input.expired ?? false,
      needsSecondFactor: input.needsSecondFactor ?? true,
      mobileHint: "•••••12",
      now: T0,
    }),
  );

const activating = (codeId: string | null, citizenKey = codeId ? "cit_a" : "decoy:x") =>
  next(
    activationStarted(
      fresh(),
      { citizenKey, registration: codeId ? "advanced" : null, codeId, now: T0 },
      policy,
    ),
  );

describe("password steps", () => {
  it("no code can be checked before one was sent", () => {
    const tx = accepted();
    expect(tx.step).toMatchObject({ kind: "second_factor", otpSentAt: null });
    expect(otpCheckTarget(tx, T0)).toEqual({ ok: false, reason: "no_otp_requested" });
    expect(otpCheckTarget(fresh(), T0)).toEqual({ ok: false, reason: "no_otp_requested" });
    const sent = next(otpSent(tx, T0, policy));
    expect(otpCheckTarget(sent, T0)).toMatchObject({
      ok: true,
      purpose: "second_factor",
      citizenKey: "cit_a",
    });
  });

  it("the second factor authenticates only the citizen whose password was accepted", () => {
    const sent = next(otpSent(accepted(), T0, policy));
    expect(otpAccepted(sent, { citizenId: "cit_b", auth: stepUp, now: T0 })).toEqual({
      ok: false,
      reason: "no_otp_requested",
    });
    expect(otpAccepted(sent, { citizenId: "cit_a", auth: null, now: T0 }).ok).toBe(false);
    const done = next(otpAccepted(sent, { citizenId: "cit_a", auth: stepUp, now: T0 }));
    expect(done.step).toEqual({ kind: "authenticated", ...stepUp });
  });

  it("the app's code is taken at the second factor, sent or not, and never in an activation", () => {
    const tx = accepted();
    expect(appCodeTarget(tx, T0)).toMatchObject({ ok: true, citizenKey: "cit_a" });
    const app = { ...stepUp, amr: ["pwd", "otp", "swk", "mfa"] };
    expect(otpAccepted(tx, { citizenId: "cit_b", auth: app, now: T0, via: "app" }).ok).toBe(false);
    // Without `via: "app"` the same transition still wants an SMS code sent first.
    expect(otpAccepted(tx, { citizenId: "cit_a", auth: app, now: T0 }).ok).toBe(false);
    const done = next(otpAccepted(tx, { citizenId: "cit_a", auth: app, now: T0, via: "app" }));
    expect(done.step).toEqual({ kind: "authenticated", ...app });
    expect(appCodeTarget(done, T0)).toEqual({ ok: false, reason: "already_authenticated" });

    const activation = activating("act_1");
    expect(appCodeTarget(activation, T0)).toEqual({ ok: false, reason: "no_otp_requested" });
    expect(
      otpAccepted(activation, { citizenId: "cit_a", auth: null, now: T0, via: "app" }).ok,
    ).toBe(false);
    expect(appCodeTarget(fresh(), T0)).toEqual({ ok: false, reason: "no_otp_requested" });
  });

  it("a resend waits out the cool-down, from the last send", () => {
    const sent = next(otpSent(accepted(), T0, policy));
    expect(otpSent(sent, T0 + 29_999, policy)).toEqual({
      ok: false,
      reason: "resend_cooldown",
      retryAt: T0 + 30_000,
    });
    const again = next(otpSent(sent, T0 + 30_000, policy));
    expect(otpSent(again, T0 + 59_999, policy)).toMatchObject({ retryAt: T0 + 60_000 });
    const activation = activating("act_1");
    expect(
      activationStarted(
        activation,
        { citizenKey: "cit_a", registration: "advanced", codeId: "act_1", now: T0 + 1 },
        policy,
      ),
    ).toMatchObject({ ok: false, reason: "resend_cooldown", retryAt: T0 + 30_000 });
    expect(otpSent(activation, T0 + 1, policy)).toMatchObject({ reason: "resend_cooldown" });
  });

  it("a login may send at most 5 codes, step-up and activation together", () => {
    let tx = activating("act_1");
    for (let i = 1; i < 5; i++) tx = next(otpSent(tx, T0 + i * 30_000, policy));
    expect(tx.otpRequests).toBe(5);
    expect(otpSent(tx, T0 + 10 * 30_000, policy)).toEqual({
      ok: false,
      reason: "too_many_pin_requests",
    });
    const restarted = activationStarted(
      tx,
      { citizenKey: "cit_a", registration: "advanced", codeId: "act_1", now: T0 + 10 * 30_000 },
      policy,
    );
    expect(restarted).toEqual({ ok: false, reason: "too_many_pin_requests" });
  });

  it("a decoy's activation never reaches the password choice", () => {
    const decoy = activating(null);
    expect(otpCheckTarget(decoy, T0)).toMatchObject({ ok: true, registration: null });
    expect(otpAccepted(decoy, { citizenId: "decoy:x", auth: null, now: T0 })).toEqual({
      ok: false,
      reason: "no_otp_requested",
    });
    expect(activationTarget(decoy, T0)).toEqual({ ok: false, reason: "no_activation" });
  });

  it("an activation chooses a password for its own citizen and code, then logs nobody in", () => {
    const tx = activating("act_1");
    expect(otpAccepted(tx, { citizenId: "cit_b", auth: null, now: T0 }).ok).toBe(false);
    const choosing = next(otpAccepted(tx, { citizenId: "cit_a", auth: null, now: T0 }));
    expect(activationTarget(choosing, T0)).toEqual({
      ok: true,
      citizenId: "cit_a",
      codeId: "act_1",
    });
    const done = next(activated(choosing, T0));
    expect(done.step).toEqual({ kind: "started" });
    expect(activated(done, T0)).toEqual({ ok: false, reason: "no_activation" });
  });

  it("a forced change cannot skip the second factor", () => {
    const change = accepted({ expired: true, needsSecondFactor: true });
    expect(change.step).toMatchObject({ kind: "change_required" });
    expect(otpSent(change, T0, policy)).toEqual({ ok: false, reason: "no_otp_requested" });
    expect(changeTarget(change, T0)).toEqual({
      ok: true,
      citizenId: "cit_a",
      registration: "advanced",
    });
    const changed = passwordChanged(change, { mobileHint: null, now: T0 });
    expect(changed).toMatchObject({ ok: true, step: "second_factor" });
    expect(next(changed).step).toMatchObject({ kind: "second_factor", otpSentAt: null });
    const low = passwordChanged(accepted({ expired: true, needsSecondFactor: false }), {
      mobileHint: null,
      now: T0,
    });
    expect(low).toMatchObject({ ok: true, step: "done" });
  });

  it("a new password is asked for only after an expired one was accepted", () => {
    expect(changeTarget(fresh(), T0)).toEqual({ ok: false, reason: "no_password_change" });
    expect(changeTarget(accepted(), T0)).toEqual({ ok: false, reason: "no_password_change" });
    expect(passwordChanged(accepted(), { mobileHint: null, now: T0 }).ok).toBe(false);
  });

  it("an expired or finished transaction accepts nothing more", () => {
    const later = T0 + TTL;
    const sent = next(otpSent(accepted(), T0, policy));
    expect(otpCheckTarget(sent, later)).toEqual({ ok: false, reason: "login_expired" });
    expect(otpAccepted(sent, { citizenId: "cit_a", auth: stepUp, now: later }).ok).toBe(false);
    expect(passwordAuthenticated(fresh(), stepUp, later)).toEqual({
      ok: false,
      reason: "login_expired",
    });
    const done = next(passwordAuthenticated(fresh(), stepUp, T0));
    for (const result of [
      passwordAccepted(done, {
        citizenId: "cit_b",
        registration: "advanced",
        first,
        expired: false,
        needsSecondFactor: true,
        mobileHint: null,
        now: T0,
      }),
      activationStarted(
        done,
        { citizenKey: "cit_b", registration: "advanced", codeId: "act_2", now: T0 },
        policy,
      ),
      otpSent(done, T0, policy),
      otpCheckTarget(done, T0),
    ]) {
      expect(result).toEqual({ ok: false, reason: "already_authenticated" });
    }
  });
});
