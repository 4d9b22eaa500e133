/**
 * Issue 15 §6, "the hourly send limit is silent": a citizen who has proved their password is
 * told the truth when the step-up code cannot go out (the hourly send limit) — a problem
 * `otp_send_limit` with when one more may go (`retryAt`, `retryAfter`, Retry-After) — instead of
 * "we have sent you a code". Activation has proved nothing yet: its answer stays the one an
 * unknown document gets (SECURITY.md "No enumeration").
 */
import { describe, expect, it } from "vitest";
import { makeDni } from "../../worker/src/identity/documents.ts";
import type { Citizen } from "../../worker/src/storage/account-store.ts";
import type { Harness } from "./harness.ts";
import {
  activate,
  activationBody,
  GOOD_PASSWORD,
  letterCode,
  otps,
  passwordHarness,
  passwordLogin,
  post,
  problem,
} from "./password-support.ts";
import { Browser, loginIdOf, relyingParty } from "./relying-party.ts";

const HOUR = 3_600_000;

/** A login of a service that needs substantial, at the password screen. */
async function substantialLogin(h: Harness): Promise<string> {
  const rp = await relyingParty(h, { allowedMethods: ["password"], minAcr: "substantial" });
  const browser = new Browser(h);
  const auth = await rp.authorization();
  return loginIdOf(await browser.request("GET", rp.authorizePath(auth.params))) ?? "";
}

describe("the step-up code past the hourly send limit", () => {
  it("says no code went out, and when one can, on the resend and on the password", async () => {
    const h = passwordHarness();
    const limit = h.config.pin.maxSendsPerHour;
    const citizen: Citizen = await h.registerCitizen();
    const firstSend = h.clock.now();
    await activate(h, citizen); // the hour's first send
    let loginId = "";
    for (let sent = 1; sent < limit; sent++) {
      h.clock.advance(h.config.pin.resendCooldownMs);
      loginId = await substantialLogin(h);
      const answer = await passwordLogin(h, loginId, citizen, GOOD_PASSWORD);
      expect(await answer.json()).toMatchObject({ status: "otp_sent" });
    }
    expect(await otps(h, citizen.mobile ?? "")).toHaveLength(limit);

    h.clock.advance(h.config.pin.resendCooldownMs);
    const refused = await post(h, loginId, "/otp");
    expect(refused.status).toBe(429);
    const body = await problem(refused);
    const retryAfter = Math.ceil((firstSend + HOUR - h.clock.now()) / 1000);
    expect(body).toMatchObject({ code: "otp_send_limit", retryAt: firstSend + HOUR, retryAfter });
    expect(refused.headers.get("retry-after")).toBe(String(retryAfter));
    expect(await otps(h, citizen.mobile ?? "")).toHaveLength(limit);

    // A new login of the same citizen: the password is right, and the answer says the truth.
    const again = await substantialLogin(h);
    const atPassword = await passwordLogin(h, again, citizen, GOOD_PASSWORD);
    expect(atPassword.status).toBe(429);
    expect(await problem(atPassword)).toMatchObject({ code: "otp_send_limit" });

    // Once the hour has passed, codes go out again.
    h.clock.set(firstSend + HOUR + 1);
    const later = await substantialLogin(h);
    const ok = await passwordLogin(h, later, citizen, GOOD_PASSWORD);
    expect(await ok.json()).toMatchObject({ status: "otp_sent" });
  }, 30_000);

  it("activation past the limit answers as for an unknown document: nothing is told", async () => {
    const h = passwordHarness();
    const limit = h.config.pin.maxSendsPerHour;
    const citizen = await h.registerCitizen();
    const code = await letterCode(h, citizen);
    const answers: { status: number; body: unknown }[] = [];
    for (let i = 0; i <= limit; i++) {
      h.clock.advance(h.config.pin.resendCooldownMs);
      const loginId = await h.startLogin();
      const response = await post(h, loginId, "/activation", activationBody(citizen, code));
      answers.push({ status: response.status, body: await response.json() });
    }
    const unknown = await post(h, await h.startLogin(), "/activation", {
      ...activationBody(citizen, code),
      document: makeDni(Number(citizen.documentNumber.slice(0, 8)) ^ 1),
    });
    const unknownAnswer = { status: unknown.status, body: await unknown.json() };
    expect(await otps(h, citizen.mobile ?? "")).toHaveLength(limit);
    for (const answer of answers) expect(answer).toEqual(unknownAnswer);
  }, 30_000);
});
