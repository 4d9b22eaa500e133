/**
 * The permanent password end to end through the login API (docs/password.md): activation
 * with a letter code and an SMS code, login at low, step-up by SMS code, the forced change of
 * an expired password, and the admin API that issues codes.
 */
import { describe, expect, it } from "vitest";
import { createAdminClient } from "../../sdk/src/index.ts";
import { acrUri } from "../../worker/src/assurance/levels.ts";
import type { ProblemBody } from "./harness.ts";
import {
  activate,
  activationBody,
  GOOD_PASSWORD,
  issueCode,
  latestOtp,
  letterCode,
  otps,
  passwordHarness,
  passwordLogin,
  post,
} from "./password-support.ts";

describe("activating a password", () => {
  it("goes from the letter code to a password the citizen can log in with", async () => {
    const h = passwordHarness();
    const citizen = await h.registerCitizen({ email: "ana@example.es" });
    const code = await letterCode(h, citizen);
    expect(code).toMatch(/^([A-HJKMNP-Z2-9]{4}-){3}[A-HJKMNP-Z2-9]{4}$/);

    const loginId = await h.startLogin();
    const started = await post(
      h,
      loginId,
      "/activation",
      activationBody(citizen, code.toLowerCase()),
    );
    expect(started.status).toBe(202);
    expect(await started.json()).toEqual({
      status: "otp_sent",
      channel: "sms",
      expiresIn: 600,
      resendAfter: 30,
      mobileHint: null,
    });
    const otp = await latestOtp(h, citizen.mobile ?? "");
    const verified = await post(h, loginId, "/otp/verify", { code: otp });
    expect(await verified.json()).toEqual({ status: "choose_password" });

    const weak = await post(h, loginId, "/activation/password", { password: "12345678" });
    expect(weak.status).toBe(400);
    const weakBody = (await weak.json()) as ProblemBody;
    expect(weakBody.code).toBe("weak_password");
    expect(weakBody.reasons).toContain("common");

    const set = await post(h, loginId, "/activation/password", { password: GOOD_PASSWORD });
    expect(set.status).toBe(200);
    const activated = (await set.json()) as { status: string; expiresAt: number };
    expect(activated.status).toBe("activated");
    expect(activated.expiresAt).toBe(h.clock.now() + 365 * 86_400_000);

    // Back at the start of the same login: now the password works.
    const login = await passwordLogin(h, loginId, citizen, GOOD_PASSWORD);
    expect(login.status).toBe(200);
    expect(await login.json()).toMatchObject({
      status: "authenticated",
      citizenId: citizen.id,
      method: "password",
      amr: ["pwd"],
      acr: acrUri("low"),
    });

    // Told on every contact.
    const sms = await h.outbox.list({ to: citizen.mobile ?? "" });
    const mail = await h.outbox.list({ to: "ana@example.es" });
    expect(sms.map((m) => m.kind)).toContain("password_activated");
    expect(mail.map((m) => m.kind)).toContain("password_activated");
  });

  it("sends an SMS activation code that the operator never sees", async () => {
    const h = passwordHarness();
    const citizen = await h.registerCitizen();
    const issued = await issueCode(h, citizen, "sms");
    expect(issued.status).toBe(201);
    const body = (await issued.json()) as Record<string, unknown>;
    expect(body.code).toBeUndefined();
    expect(body.delivery).toBe("sms");
    const [message] = await h.outbox.list({ to: citizen.mobile ?? "" });
    expect(message?.kind).toBe("activation_code");
    const code = /[A-Z2-9]{4}(-[A-Z2-9]{4}){3}/.exec(message?.text ?? "")?.[0] ?? "";
    const loginId = await h.startLogin();
    await post(h, loginId, "/activation", activationBody(citizen, code));
    expect(await otps(h, citizen.mobile ?? "")).toHaveLength(1);
  });

  it("is issued through @llave/sdk's admin client against the real admin API", async () => {
    const h = passwordHarness();
    const citizen = await h.registerCitizen();
    const admin = createAdminClient({
      baseUrl: "https://llave.test",
      token: h.config.adminToken ?? "",
      fetch: h.fetch,
    });
    const issued = await admin.issueActivationCode(citizen.id, { delivery: "letter" });
    expect(issued.code).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
    expect(issued.expiresAt).toBe(h.clock.now() + 90 * 86_400_000);
    await expect(
      admin.issueActivationCode("cit_nobody", { delivery: "sms" }),
    ).rejects.toMatchObject({ problemCode: "citizen_not_found" });
  });

  it("needs a mobile for the SMS code that follows, and a letter code is told on every contact", async () => {
    const h = passwordHarness();
    const noMobile = await h.registerCitizen({ mobile: null });
    const refused = await issueCode(h, noMobile, "letter");
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as ProblemBody).code).toBe("no_mobile");
    const citizen = await h.registerCitizen({ email: "luis@example.es" });
    expect((await issueCode(h, citizen, "letter")).status).toBe(201);
    const sms = await h.outbox.list({ to: citizen.mobile ?? "" });
    const mail = await h.outbox.list({ to: "luis@example.es" });
    expect(sms.map((m) => m.kind)).toEqual(["password_code_issued"]);
    expect(mail.map((m) => m.kind)).toEqual(["password_code_issued"]);
  });

  it("is refused to citizens registered at the basic level", async () => {
    const h = passwordHarness();
    const citizen = await h.registerCitizen({ registrationLevel: "basic" });
    const issued = await issueCode(h, citizen);
    expect(issued.status).toBe(409);
    expect(((await issued.json()) as ProblemBody).code).toBe("not_eligible");
  });
});

describe("password login and step-up", () => {
  it("asks for the SMS code when the service needs substantial, and asserts it", async () => {
    const h = passwordHarness();
    const citizen = await h.registerCitizen();
    await activate(h, citizen);
    const { relyingParty, Browser, loginIdOf } = await import("./relying-party.ts");
    const rp = await relyingParty(h, { allowedMethods: ["password"], minAcr: "substantial" });
    const browser = new Browser(h);
    const auth = await rp.authorization();
    const first = await browser.request("GET", rp.authorizePath(auth.params));
    const loginId = loginIdOf(first) ?? "";

    const login = await passwordLogin(h, loginId, citizen, GOOD_PASSWORD);
    const mobile = citizen.mobile ?? "";
    expect(await login.json()).toMatchObject({
      status: "otp_sent",
      mobileHint: `${"•".repeat(mobile.length - 5)}${mobile.slice(-2)}`,
    });
    const otp = await latestOtp(h, citizen.mobile ?? "");
    const verified = await post(h, loginId, "/otp/verify", { code: otp });
    expect(await verified.json()).toMatchObject({
      status: "authenticated",
      amr: ["pwd", "otp", "sms", "mfa"],
      acr: acrUri("substantial"),
    });
    const done = await browser.request("POST", `/login/${loginId}/continue`, "");
    const code = rp.redirectQuery(done)?.get("code") ?? "";
    const tokens = (await (await rp.redeem(code, auth)).json()) as { id_token: string };
    const claims = await rp.verifyIdToken(tokens.id_token);
    expect(claims.acr).toBe(acrUri("substantial"));
    expect(claims.amr).toEqual(["pwd", "otp", "sms", "mfa"]);
  });

  it("steps a low password session up to substantial without asking for the password", async () => {
    const h = passwordHarness();
    const citizen = await h.registerCitizen();
    await activate(h, citizen);
    const { relyingParty, Browser, loginIdOf } = await import("./relying-party.ts");
    const rp = await relyingParty(h, { allowedMethods: ["password"], minAcr: "low" });
    const browser = new Browser(h);
    const lowAuth = await rp.authorization();
    const first = await browser.request("GET", rp.authorizePath(lowAuth.params));
    const loginId = loginIdOf(first) ?? "";
    expect((await passwordLogin(h, loginId, citizen, GOOD_PASSWORD)).status).toBe(200);
    const done = await browser.request("POST", `/login/${loginId}/continue`, "");
    expect(rp.redirectQuery(done)?.get("code")).toBeTruthy();

    const high = await rp.authorization({ acr_values: acrUri("substantial") });
    const again = await browser.request("GET", rp.authorizePath(high.params));
    const stepUpId = loginIdOf(again);
    expect(stepUpId).toBeTruthy();
    const status = await h.call("GET", `/api/logins/${stepUpId}`);
    expect(await status.json()).toMatchObject({ status: "second_factor" });
    // The code is sent when the citizen asks; no password is involved.
    const sent = await post(h, stepUpId ?? "", "/otp");
    expect(sent.status).toBe(202);
    const otp = await latestOtp(h, citizen.mobile ?? "");
    const verified = await post(h, stepUpId ?? "", "/otp/verify", { code: otp });
    expect(await verified.json()).toMatchObject({ acr: acrUri("substantial") });
    const end = await browser.request("POST", `/login/${stepUpId}/continue`, "");
    const code = rp.redirectQuery(end)?.get("code") ?? "";
    const tokens = (await (await rp.redeem(code, high)).json()) as { id_token: string };
    expect((await rp.verifyIdToken(tokens.id_token)).acr).toBe(acrUri("substantial"));
  });

  it("makes the citizen change an expired password before the login completes", async () => {
    const h = passwordHarness();
    const citizen = await h.registerCitizen();
    await activate(h, citizen);
    h.clock.advance(366 * 86_400_000);
    const loginId = await h.startLogin();
    const login = await passwordLogin(h, loginId, citizen, GOOD_PASSWORD);
    expect(await login.json()).toEqual({ status: "change_required" });
    const status = await h.call("GET", `/api/logins/${loginId}`);
    expect(await status.json()).toMatchObject({ status: "change_required" });
    const weak = await post(h, loginId, "/password/change", {
      password: `${citizen.documentNumber}x`,
    });
    expect(((await weak.json()) as ProblemBody).reasons).toContain("contains_document");
    const changed = await post(h, loginId, "/password/change", {
      password: "otra frase larga y nueva",
    });
    expect(await changed.json()).toMatchObject({ status: "authenticated", amr: ["pwd"] });
    const next = await h.startLogin();
    expect((await passwordLogin(h, next, citizen, GOOD_PASSWORD)).status).toBe(400);
    expect((await passwordLogin(h, next, citizen, "otra frase larga y nueva")).status).toBe(200);
  });
});
