/**
 * SECURITY.md "One-time secrets" and "Levels of assurance" for the citizen app's step-up codes
 * (TOTP, docs/password.md "The code from the app"), the password method's second factor beside
 * the SMS code: a right code authenticates at substantial with `swk` in the amr; a time step is
 * accepted once, even under races and across logins; wrong codes count on the account-wide
 * counter a wrong SMS code counts on, to its back-off and hard stop; a revoked device's seed and
 * another citizen's device are worth nothing; the window is ±1 step and no more. The device
 * is the shared simulator (scripts/lib/app-device.ts), which computes codes with otpauth from
 * the seed its registration answer carried, on the harness's clock.
 */
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { acrUri } from "../../worker/src/assurance/levels.ts";
import type { CitizenPinState } from "../../worker/src/methods/pin/pin-challenge.ts";
import type { Citizen } from "../../worker/src/storage/account-store.ts";
import type { Harness } from "./harness.ts";
import { activateBoundDevice, type Device } from "./mobile-support.ts";
import {
  activate,
  citizenObject,
  GOOD_PASSWORD,
  latestOtp,
  otherCode,
  otps,
  passwordHarness,
  passwordLogin,
  post,
  problem,
} from "./password-support.ts";
import { Browser, loginIdOf, relyingParty } from "./relying-party.ts";

const STEP_MS = 30_000;

/**
 * The password harness, with room for many app activations from the tests' one address (the
 * device simulator does not set one; the per-IP limit is not what these tests are about).
 */
const appHarness = () =>
  passwordHarness({
    config: (c) => ({ ...c, mobile: { ...c.mobile, activationsPerIpHour: 10_000 } }),
  });
const APP_AMR = ["pwd", "otp", "swk", "mfa"];

/** A login for a service that needs substantial, past the password: at the second factor. */
async function stepUp(h: Harness, citizen: Citizen) {
  const rp = await relyingParty(h, { allowedMethods: ["password"], minAcr: "substantial" });
  const browser = new Browser(h);
  const auth = await rp.authorization();
  const loginId = loginIdOf(await browser.request("GET", rp.authorizePath(auth.params))) ?? "";
  const answer = await passwordLogin(h, loginId, citizen, GOOD_PASSWORD);
  expect(await answer.json()).toMatchObject({ status: "otp_sent" });
  return { loginId, rp, browser, auth };
}

/** A citizen with a password and the app on one device, past the device's binding wait. */
async function ready(h: Harness) {
  const citizen = await h.registerCitizen();
  await activate(h, citizen);
  const device = await activateBoundDevice(h, citizen);
  return { citizen, device };
}

const appCode = (h: Harness, loginId: string, code: string) =>
  post(h, loginId, "/otp/app", { code });

/** A 6-digit code that none of `codes` is. */
const unlike = (...codes: string[]) =>
  ["000000", "111111", "222222", "333333"].find((c) => !codes.includes(c)) ?? "444444";

const failures = (citizen: Citizen) => citizenObject(citizen.id).failureCount();

describe("the app's step-up code", () => {
  it("is set up once at registration: SHA-1, 6 digits, 30 s, a 160-bit seed, stored sealed", async () => {
    const h = appHarness();
    const { citizen, device } = await ready(h);
    expect(device.totp).toEqual({
      secret: expect.stringMatching(/^[A-Z2-7]{32}$/),
      algorithm: "SHA1",
      digits: 6,
      period: 30,
    });
    const secret = device.totp?.secret ?? "";
    for (const path of ["/api/app/me", "/api/app/devices"]) {
      const answer = await device.json("GET", path);
      expect(JSON.stringify(answer.body)).not.toContain(secret);
      expect(JSON.stringify(answer.body)).not.toMatch(/totp/i);
    }
    const [stored] = await h.deps.devices.totpSecrets(citizen.id);
    expect(stored?.sealed).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(stored?.sealed).not.toContain(secret);
  });

  it("authenticates the login at substantial with amr pwd otp swk mfa, into the ID token", async () => {
    const h = appHarness();
    const { citizen, device } = await ready(h);
    const { loginId, rp, browser, auth } = await stepUp(h, citizen);
    const answer = await appCode(h, loginId, device.totpCode());
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({
      status: "authenticated",
      citizenId: citizen.id,
      method: "password",
      amr: APP_AMR,
      acr: acrUri("substantial"),
      authTime: Math.floor(h.clock.now() / 1000),
    });
    const done = await browser.request("POST", `/login/${loginId}/continue`, "");
    const code = rp.redirectQuery(done)?.get("code") ?? "";
    const tokens = (await (await rp.redeem(code, auth)).json()) as { id_token: string };
    const claims = await rp.verifyIdToken(tokens.id_token);
    expect(claims.acr).toBe(acrUri("substantial"));
    expect(claims.amr).toEqual(APP_AMR);
    // The citizen's object holds the accepted step, never the seed nor the code.
    const everything = await runInDurableObject(citizenObject(citizen.id), (_, s) =>
      JSON.stringify([...s.storage.kv.list()]),
    );
    expect(everything).not.toContain(device.totp?.secret ?? "-");
  });

  it("steps a password session up without sending an SMS", async () => {
    const h = appHarness();
    const { citizen, device } = await ready(h);
    const rp = await relyingParty(h, { allowedMethods: ["password"], minAcr: "low" });
    const browser = new Browser(h);
    const low = await rp.authorization();
    const lowId = loginIdOf(await browser.request("GET", rp.authorizePath(low.params))) ?? "";
    await passwordLogin(h, lowId, citizen, GOOD_PASSWORD);
    await browser.request("POST", `/login/${lowId}/continue`, "");
    const sent = (await otps(h, citizen.mobile ?? "")).length;

    const high = await rp.authorization({ acr_values: acrUri("substantial") });
    const stepUpId = loginIdOf(await browser.request("GET", rp.authorizePath(high.params))) ?? "";
    const answer = await appCode(h, stepUpId, device.totpCode());
    expect(await answer.json()).toMatchObject({ amr: APP_AMR, acr: acrUri("substantial") });
    expect(await otps(h, citizen.mobile ?? "")).toHaveLength(sent);
    const done = await browser.request("POST", `/login/${stepUpId}/continue`, "");
    expect(rp.redirectQuery(done)?.get("code")).toBeTruthy();
  });

  it("is taken only at the second factor", async () => {
    const h = appHarness();
    const { citizen, device } = await ready(h);
    const started = await h.startLogin();
    const early = await appCode(h, started, device.totpCode());
    expect(early.status).toBe(409);
    expect((await problem(early)).code).toBe("no_otp_requested");
    // The login now done with the app's code takes no other code.
    const { loginId } = await stepUp(h, citizen);
    expect((await appCode(h, loginId, device.totpCode())).status).toBe(200);
    h.clock.advance(STEP_MS);
    const after = await appCode(h, loginId, device.totpCode());
    expect(after.status).toBe(409);
    expect((await problem(after)).code).toBe("already_authenticated");
    expect((await post(h, loginId, "/otp/verify", { code: "123456" })).status).toBe(409);
  });

  it("answers no_app_device to a citizen without the app", async () => {
    const h = appHarness();
    const citizen = await h.registerCitizen();
    await activate(h, citizen);
    const { loginId } = await stepUp(h, citizen);
    const answer = await appCode(h, loginId, "123456");
    expect(answer.status).toBe(409);
    expect((await problem(answer)).code).toBe("no_app_device");
    expect(await failures(citizen)).toBe(0);
    // The SMS code still does the job.
    const sms = await latestOtp(h, citizen.mobile ?? "");
    expect((await post(h, loginId, "/otp/verify", { code: sms })).status).toBe(200);
  });
});

describe("a time step is accepted once", () => {
  it("six submissions of one code racing on one login: exactly one succeeds", async () => {
    const h = appHarness();
    const { citizen, device } = await ready(h);
    const { loginId } = await stepUp(h, citizen);
    const code = device.totpCode();
    const answers = await Promise.all(Array.from({ length: 6 }, () => appCode(h, loginId, code)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(5);
    expect(await failures(citizen)).toBe(0);
  });

  it("a step used on one login is refused on another, uncounted; the next step works", async () => {
    const h = appHarness();
    const { citizen, device } = await ready(h);
    const a = await stepUp(h, citizen);
    const b = await stepUp(h, citizen);
    const code = device.totpCode();
    expect((await appCode(h, a.loginId, code)).status).toBe(200);
    const replayed = await appCode(h, b.loginId, code);
    expect(replayed.status).toBe(409);
    expect((await problem(replayed)).code).toBe("otp_used");
    expect(await failures(citizen)).toBe(0);

    // An older step than the one accepted is refused too, still inside the window.
    h.clock.advance(STEP_MS);
    const older = await appCode(h, b.loginId, code);
    expect((await problem(older)).code).toBe("otp_used");
    expect((await appCode(h, b.loginId, device.totpCode())).status).toBe(200);
  });
});

describe("wrong codes count on the account-wide counter", () => {
  it("with wrong SMS codes, to the back-off; the right code waits it out", async () => {
    const h = appHarness();
    const { citizen, device } = await ready(h);
    const { loginId } = await stepUp(h, citizen);
    const sms = await latestOtp(h, citizen.mobile ?? "");
    for (let i = 0; i < 4; i++) {
      const body = await problem(await post(h, loginId, "/otp/verify", { code: otherCode(sms) }));
      expect(body.code).toBe("invalid_otp");
    }
    for (let i = 0; i < 6; i++) {
      const wrong = await appCode(h, loginId, unlike(device.totpCode()));
      expect(wrong.status).toBe(400);
      const body = await problem(wrong);
      expect(body.code).toBe("invalid_otp");
      expect(body).not.toHaveProperty("triesLeft");
    }
    expect(await failures(citizen)).toBe(h.config.failures.backoffAfter);

    const waiting = await appCode(h, loginId, device.totpCode());
    expect(waiting.status).toBe(429);
    const body = await problem(waiting);
    expect(body.code).toBe("login_backoff");
    expect(waiting.headers.get("retry-after")).toBe(String(body.retryAfter));
    // The SMS code waits too: one counter.
    expect((await problem(await post(h, loginId, "/otp/verify", { code: sms }))).code).toBe(
      "login_backoff",
    );

    h.clock.advance(Number(body.retryAfter) * 1000);
    expect((await appCode(h, loginId, device.totpCode())).status).toBe(200);
    expect(await failures(citizen)).toBe(0);
  });

  it("to the hard stop, after which even the right code is refused", async () => {
    const h = appHarness();
    const { citizen, device } = await ready(h);
    const { loginId } = await stepUp(h, citizen);
    // 99 failures already (as 99 wrong PINs would leave it, their back-off waited out).
    const { hardStop } = h.config.failures;
    await runInDurableObject(citizenObject(citizen.id), (_, state) => {
      const pin = state.storage.kv.get<CitizenPinState>("pin");
      if (!pin) throw new Error("no account-wide counter");
      const failures = { consecutive: hardStop - 1, lastFailureAt: null };
      state.storage.kv.put("pin", { ...pin, failures });
    });
    const last = await appCode(h, loginId, unlike(device.totpCode()));
    expect((await problem(last)).code).toBe("invalid_otp");
    expect(await failures(citizen)).toBe(hardStop);
    const blocked = await appCode(h, loginId, device.totpCode());
    expect(blocked.status).toBe(423);
    expect((await problem(blocked)).code).toBe("login_blocked");
    // The SMS code shares the counter, and is blocked with it.
    const sms = await latestOtp(h, citizen.mobile ?? "");
    const smsBlocked = await post(h, loginId, "/otp/verify", { code: sms });
    expect((await problem(smsBlocked)).code).toBe("login_blocked");
  });
});

describe("whose seed", () => {
  it("a revoked device's codes no longer work; a replacement's do", async () => {
    const h = appHarness();
    const { citizen, device: first } = await ready(h);
    const second: Device = await activateBoundDevice(h, citizen, "Segundo");
    // One device by default: the second replaced the first.
    const { loginId } = await stepUp(h, citizen);
    const old = first.totpCode();
    const current = second.totpCode();
    if (old !== current) {
      const refused = await appCode(h, loginId, old);
      expect((await problem(refused)).code).toBe("invalid_otp");
    }
    expect((await appCode(h, loginId, current)).status).toBe(200);

    // Revoked by the citizen: no device makes codes any more.
    expect((await second.call("DELETE", `/api/app/devices/${second.id}`)).status).toBe(204);
    h.clock.advance(STEP_MS);
    const next = await stepUp(h, citizen);
    const gone = await appCode(h, next.loginId, second.totpCode());
    expect(gone.status).toBe(409);
    expect((await problem(gone)).code).toBe("no_app_device");
  });

  it("a code from another citizen's device is refused and counted", async () => {
    const h = appHarness();
    const mine = await ready(h);
    const theirs = await ready(h);
    const { loginId } = await stepUp(h, mine.citizen);
    const own = mine.device.totpCode();
    const foreign = theirs.device.totpCode();
    if (foreign !== own) {
      const refused = await appCode(h, loginId, foreign);
      expect(refused.status).toBe(400);
      expect((await problem(refused)).code).toBe("invalid_otp");
      expect(await failures(mine.citizen)).toBe(1);
    }
    expect((await appCode(h, loginId, own)).status).toBe(200);
  });
});

describe("the window", () => {
  it("accepts a device one step behind or ahead of the server, not two", async () => {
    const h = appHarness();
    const { citizen, device } = await ready(h);
    const behind = await stepUp(h, citizen);
    const ahead = await stepUp(h, citizen);
    const t = h.clock.now();
    /** The code the device shows `k` steps after `t`. */
    const code = (k: number) => device.totpCode(t + k * STEP_MS);

    // The device shows its code of `t`; the server's clock is moved around it.
    const refusedWith = async (loginId: string, serverSteps: number) => {
      h.clock.set(t + serverSteps * STEP_MS);
      const window = [serverSteps - 1, serverSteps, serverSteps + 1].map(code);
      // A one-in-a-million collision with a code of the window would prove nothing.
      if (window.includes(code(0))) return;
      const refused = await appCode(h, loginId, code(0));
      expect((await problem(refused)).code).toBe("invalid_otp");
    };
    await refusedWith(behind.loginId, 2);
    await refusedWith(ahead.loginId, -2);

    h.clock.set(t + STEP_MS);
    expect((await appCode(h, behind.loginId, code(0))).status).toBe(200);
    expect((await appCode(h, ahead.loginId, code(2))).status).toBe(200);
  });
});
