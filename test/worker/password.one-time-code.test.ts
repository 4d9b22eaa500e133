/**
 * SECURITY.md "One-time secrets" and "Levels of assurance" for the SMS code of the password
 * method (step-up and activation): stored as a digest bound to its login, single use even
 * under races, dead after 10 minutes by timestamp or 5 wrong tries, replaced by a resend that
 * keeps the failure count, never interchangeable with a PIN nor across transactions; and a
 * password alone never reaches substantial, nor does a citizen registered at the basic level.
 */
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { acrUri } from "../../worker/src/assurance/levels.ts";
import { cryptoRandom, randomToken } from "../../worker/src/crypto/random.ts";
import { otpDigest } from "../../worker/src/methods/password/otp.ts";
import type { CitizenPinState } from "../../worker/src/methods/pin/pin-challenge.ts";
import { pinDigest } from "../../worker/src/methods/pin/pin-code.ts";
import type { Citizen } from "../../worker/src/storage/account-store.ts";
import type { Harness } from "./harness.ts";
import {
  activate,
  activationBody,
  citizenObject,
  GOOD_PASSWORD,
  latestOtp,
  letterCode,
  otherCode,
  otps,
  passwordHarness,
  passwordLogin,
  post,
  problem,
  storePassword,
} from "./password-support.ts";
import { Browser, loginIdOf, relyingParty } from "./relying-party.ts";

/**
 * A login for a service that needs substantial, past the password: the SMS code is on its
 * way. Returns the login id and the code.
 */
async function stepUp(h: Harness, citizen: Citizen) {
  const rp = await relyingParty(h, { allowedMethods: ["password"], minAcr: "substantial" });
  const browser = new Browser(h);
  const auth = await rp.authorization();
  const loginId = loginIdOf(await browser.request("GET", rp.authorizePath(auth.params))) ?? "";
  const answer = await passwordLogin(h, loginId, citizen, GOOD_PASSWORD);
  expect(await answer.json()).toMatchObject({ status: "otp_sent" });
  return { loginId, code: await latestOtp(h, citizen.mobile ?? ""), rp, browser, auth };
}

async function readyCitizen(h: Harness, overrides: Partial<Citizen> = {}) {
  const citizen = await h.registerCitizen(overrides);
  await activate(h, citizen);
  return citizen;
}

const verify = (h: Harness, loginId: string, code: string) =>
  post(h, loginId, "/otp/verify", { code });

describe("the password method's SMS code", () => {
  it("is 6 digits, stored only as a digest bound to its login", async () => {
    const h = passwordHarness();
    const citizen = await readyCitizen(h);
    const { loginId, code } = await stepUp(h, citizen);
    expect(code).toMatch(/^\d{6}$/);
    const state = await runInDurableObject(citizenObject(citizen.id), (_, s) =>
      s.storage.kv.get<CitizenPinState>("pin"),
    );
    expect(state?.challenge).toMatchObject({
      status: "active",
      purpose: "otp",
      loginId,
      digest: await otpDigest(h.config.pinPepper, loginId, code),
    });
    const everything = await runInDurableObject(citizenObject(citizen.id), (_, s) =>
      JSON.stringify([...s.storage.kv.list()]),
    );
    expect(everything).not.toMatch(new RegExp(`(^|[^\\w-])${code}($|[^\\w-])`));
  });

  it("is accepted once: six correct submissions racing, exactly one succeeds", async () => {
    const h = passwordHarness();
    const citizen = await readyCitizen(h);
    const { loginId, code } = await stepUp(h, citizen);
    const answers = await Promise.all(Array.from({ length: 6 }, () => verify(h, loginId, code)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(5);
    const again = await verify(h, loginId, code);
    expect(again.status).toBe(409);
  });

  it("an activation code by SMS is accepted once too", async () => {
    const h = passwordHarness();
    const citizen = await h.registerCitizen();
    const loginId = await h.startLogin();
    await post(h, loginId, "/activation", activationBody(citizen, await letterCode(h, citizen)));
    const code = await latestOtp(h, citizen.mobile ?? "");
    expect(await (await verify(h, loginId, code)).json()).toEqual({ status: "choose_password" });
    const again = await verify(h, loginId, code);
    expect(again.status).toBe(409);
  });

  it("is rejected 10 minutes after it was sent, by timestamp; accepted just before", async () => {
    const h = passwordHarness();
    const citizen = await readyCitizen(h);
    const late = await stepUp(h, citizen);
    h.clock.advance(10 * 60_000);
    const expired = await verify(h, late.loginId, late.code);
    expect(expired.status).toBe(400);
    expect((await problem(expired)).code).toBe("otp_expired");

    const timely = await stepUp(h, citizen);
    h.clock.advance(10 * 60_000 - 1);
    expect((await verify(h, timely.loginId, timely.code)).status).toBe(200);
  });

  it("dies after 5 wrong tries: then even the right code is refused", async () => {
    const h = passwordHarness();
    const citizen = await readyCitizen(h);
    const { loginId, code } = await stepUp(h, citizen);
    const left: unknown[] = [];
    for (let i = 0; i < 5; i++) {
      const body = await problem(await verify(h, loginId, otherCode(code)));
      expect(body.code).toBe("invalid_otp");
      left.push(body.triesLeft);
    }
    expect(left).toEqual([4, 3, 2, 1, 0]);
    const after = await verify(h, loginId, code);
    expect(after.status).toBe(409);
    expect((await problem(after)).code).toBe("otp_not_active");
  });

  it("a resend waits out the cool-down, invalidates the previous code and keeps the failure count", async () => {
    const h = passwordHarness();
    const citizen = await readyCitizen(h);
    const { loginId, code: first } = await stepUp(h, citizen);
    expect((await verify(h, loginId, otherCode(first))).status).toBe(400);

    const early = await post(h, loginId, "/otp");
    expect(early.status).toBe(429);
    expect(early.headers.get("retry-after")).toBe("30");
    expect((await problem(early)).code).toBe("resend_cooldown");
    h.clock.advance(30_000);
    expect((await post(h, loginId, "/otp")).status).toBe(202);
    const second = await latestOtp(h, citizen.mobile ?? "");
    expect(await otps(h, citizen.mobile ?? "")).toHaveLength(3); // activation, first, second

    const object = citizenObject(citizen.id);
    if (first !== second) {
      const old = await verify(h, loginId, first);
      expect((await problem(old)).code).toBe("invalid_otp");
      expect(await object.failureCount()).toBe(2);
    } else {
      expect(await object.failureCount()).toBe(1);
    }
    expect((await verify(h, loginId, second)).status).toBe(200);
    expect(await object.failureCount()).toBe(0);
  });

  it("a PIN never passes as a code: another purpose, another digest", async () => {
    const h = passwordHarness();
    const citizen = await readyCitizen(h);

    // A PIN sent by the PIN method replaces the code; typed on the code's login, it fails.
    const { loginId } = await stepUp(h, citizen);
    const { pin } = await h.loginWithPin(citizen);
    const asCode = await verify(h, loginId, pin);
    expect(asCode.status).toBe(409);
    expect((await problem(asCode)).code).toBe("otp_not_active");

    // Even a PIN issued on the very same login, stored as the PIN method stores it…
    const same = await stepUp(h, citizen);
    const samePin = "482913";
    const digest = await pinDigest(h.config.pinPepper, {
      loginId: same.loginId,
      pin: samePin,
      personalCode: undefined,
    });
    const plant = (purpose: "pin" | "otp") =>
      h.deps.citizens.issuePin(citizen.id, {
        loginId: same.loginId,
        purpose,
        digest,
        blindDigest: randomToken(cryptoRandom, 256),
        channel: "sms",
        personalised: false,
        now: h.clock.now(),
        decoy: false,
      });
    await plant("pin");
    const samePurpose = await verify(h, same.loginId, samePin);
    expect((await problem(samePurpose)).code).toBe("otp_not_active");

    // …and even under the code's purpose, a PIN's digest is not a code's digest.
    await plant("otp");
    const wrongDomain = await verify(h, same.loginId, samePin);
    expect(await problem(wrongDomain)).toMatchObject({ code: "invalid_otp", triesLeft: 4 });
  });

  it("a code of transaction A fails on transaction B", async () => {
    const h = passwordHarness();
    const citizen = await readyCitizen(h);
    const other = await readyCitizen(h);
    const a = await stepUp(h, citizen);
    const b = await stepUp(h, other);
    const onB = await verify(h, b.loginId, a.code === b.code ? otherCode(b.code) : a.code);
    expect((await problem(onB)).code).toBe("invalid_otp");
    expect((await verify(h, a.loginId, a.code)).status).toBe(200);

    // Two logins of one citizen: the newer code replaced the older, and neither crosses over.
    const first = await stepUp(h, citizen);
    const second = await stepUp(h, citizen);
    expect((await problem(await verify(h, first.loginId, second.code))).code).toBe(
      "otp_not_active",
    );
    if (first.code !== second.code) {
      expect((await problem(await verify(h, second.loginId, first.code))).code).toBe("invalid_otp");
    }
    expect((await verify(h, second.loginId, second.code)).status).toBe(200);
  });
});

describe("levels reached with a password", () => {
  it("a password-only session cannot answer a substantial request without the code", async () => {
    const h = passwordHarness();
    const citizen = await readyCitizen(h);
    const rp = await relyingParty(h, { allowedMethods: ["password"], minAcr: "low" });
    const browser = new Browser(h);
    const low = await rp.authorization();
    const loginId = loginIdOf(await browser.request("GET", rp.authorizePath(low.params))) ?? "";
    expect(await (await passwordLogin(h, loginId, citizen, GOOD_PASSWORD)).json()).toMatchObject({
      acr: acrUri("low"),
    });
    await browser.request("POST", `/login/${loginId}/continue`, "");

    // Without a login: refused.
    const silent = await rp.authorization({ acr_values: acrUri("substantial"), prompt: "none" });
    const none = await browser.request("GET", rp.authorizePath(silent.params));
    expect(rp.redirectQuery(none)?.get("error")).toBe("login_required");
    expect(rp.redirectQuery(none)?.get("code")).toBeNull();

    // With one: it starts at the second factor, and nothing but the code moves it on.
    const high = await rp.authorization({ acr_values: acrUri("substantial") });
    const stepUpId = loginIdOf(await browser.request("GET", rp.authorizePath(high.params))) ?? "";
    expect(stepUpId).not.toBe("");
    const early = await browser.request("POST", `/login/${stepUpId}/continue`, "");
    expect(rp.redirectQuery(early)).toBeNull();
    expect((await problem(await verify(h, stepUpId, "123456"))).code).toBe("no_otp_requested");
    expect((await post(h, stepUpId, "/otp")).status).toBe(202);
    const code = await latestOtp(h, citizen.mobile ?? "");
    expect((await verify(h, stepUpId, otherCode(code))).status).toBe(400);
    const still = await browser.request("POST", `/login/${stepUpId}/continue`, "");
    expect(rp.redirectQuery(still)).toBeNull();
    expect(await (await verify(h, stepUpId, code)).json()).toMatchObject({
      acr: acrUri("substantial"),
    });
    const done = await browser.request("POST", `/login/${stepUpId}/continue`, "");
    expect(rp.redirectQuery(done)?.get("code")).toBeTruthy();
  });

  it("a citizen registered at the basic level never gets substantial, with or without a code", async () => {
    const h = passwordHarness();
    const citizen = await h.registerCitizen({ registrationLevel: "basic" });
    await storePassword(h, citizen);
    const rp = await relyingParty(h, { allowedMethods: ["password"], minAcr: "substantial" });
    const browser = new Browser(h);
    const auth = await rp.authorization();
    const loginId = loginIdOf(await browser.request("GET", rp.authorizePath(auth.params))) ?? "";
    const login = await passwordLogin(h, loginId, citizen, GOOD_PASSWORD);
    expect(await login.json()).toMatchObject({ status: "authenticated", acr: acrUri("low") });
    expect(await otps(h, citizen.mobile ?? "")).toEqual([]);
    const done = await browser.request("POST", `/login/${loginId}/continue`, "");
    expect(rp.redirectQuery(done)?.get("error")).toBe("unmet_authentication_requirements");
    expect(rp.redirectQuery(done)?.get("code")).toBeNull();

    // Its low session is not offered a step-up either: the login starts from the beginning.
    const lowRp = await relyingParty(h, { allowedMethods: ["password"], minAcr: "low" });
    const lowAuth = await lowRp.authorization();
    const lowId =
      loginIdOf(await browser.request("GET", lowRp.authorizePath(lowAuth.params))) ?? "";
    await passwordLogin(h, lowId, citizen, GOOD_PASSWORD);
    await browser.request("POST", `/login/${lowId}/continue`, "");
    const high = await lowRp.authorization({ acr_values: acrUri("substantial") });
    const again = loginIdOf(await browser.request("GET", lowRp.authorizePath(high.params))) ?? "";
    expect(await (await h.call("GET", `/api/logins/${again}`)).json()).toMatchObject({
      status: "started",
    });
    expect((await post(h, again, "/otp")).status).toBe(409);
  });
});
