/**
 * The citizen's own area (worker/src/account/): reached through /account/login at the
 * substantial level, it changes, cancels and renews the permanent password, each change
 * audited and notified.
 */
import { describe, expect, it } from "vitest";
import type { ProblemBody } from "./harness.ts";
import {
  activate,
  GOOD_PASSWORD,
  latestOtp,
  passwordHarness,
  passwordLogin,
  post,
} from "./password-support.ts";
import { Browser, loginIdOf } from "./relying-party.ts";

const ORIGIN = { origin: "https://llave.test" };

describe("the citizen's area", () => {
  it("needs a substantial login, reached through /account/login", async () => {
    const h = passwordHarness();
    const citizen = await h.registerCitizen({ email: "eva@example.es" });
    await activate(h, citizen);
    const browser = new Browser(h);
    const anonymous = await browser.request("GET", "/api/account");
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as ProblemBody).code).toBe("login_required");

    const start = await browser.request("GET", "/account/login");
    const loginId = loginIdOf(start) ?? "";
    expect(loginId).not.toBe("");
    expect(await (await passwordLogin(h, loginId, citizen, GOOD_PASSWORD)).json()).toMatchObject({
      status: "otp_sent",
    });
    const otp = await latestOtp(h, citizen.mobile ?? "");
    expect((await post(h, loginId, "/otp/verify", { code: otp })).status).toBe(200);
    const done = await browser.request("POST", `/login/${loginId}/continue`, "", ORIGIN);
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe("/account");

    const view = await browser.request("GET", "/api/account");
    expect(await view.json()).toMatchObject({
      citizen: { givenName: citizen.givenName, documentNumber: citizen.documentNumber },
      password: { status: "active", expiresAt: expect.any(Number) },
      activationCode: null,
    });

    const change = (body: unknown, headers: Record<string, string> = ORIGIN) =>
      browser.request("POST", "/api/account/password", JSON.stringify(body), {
        "content-type": "application/json",
        ...headers,
      });
    expect((await change({ currentPassword: GOOD_PASSWORD, newPassword: "x" }, {})).status).toBe(
      400,
    );
    const wrong = await change({
      currentPassword: "no es esta",
      newPassword: "nueva frase secreta",
    });
    expect(((await wrong.json()) as ProblemBody).code).toBe("invalid_credentials");
    const weak = await change({ currentPassword: GOOD_PASSWORD, newPassword: "password123" });
    expect(((await weak.json()) as ProblemBody).reasons).toContain("common");
    const changed = await change({
      currentPassword: GOOD_PASSWORD,
      newPassword: "nueva frase secreta",
    });
    expect(changed.status).toBe(200);
    const next = await h.startLogin();
    expect((await passwordLogin(h, next, citizen, "nueva frase secreta")).status).toBe(200);

    const code = await browser.request("POST", "/api/account/activation-code", undefined, ORIGIN);
    expect(code.status).toBe(202);
    expect((await h.outbox.list({ to: citizen.mobile ?? "" }))[0]?.kind).toBe("activation_code");

    const cancelled = await browser.request("DELETE", "/api/account/password", undefined, ORIGIN);
    expect(cancelled.status).toBe(204);
    expect(await (await browser.request("GET", "/api/account")).json()).toMatchObject({
      password: { status: "none" },
      activationCode: { delivery: "sms" },
    });
    const events = (await h.deps.audit.list({ citizenId: citizen.id })).map((e) => e.event);
    expect(events).toEqual(
      expect.arrayContaining([
        "password.failed",
        "password.changed",
        "password.cancelled",
        "activation_code.issued",
      ]),
    );
    const mail = (await h.outbox.list({ to: "eva@example.es" })).map((m) => m.kind);
    expect(mail).toEqual(
      expect.arrayContaining(["password_changed", "password_cancelled", "password_code_issued"]),
    );
  });
});

describe("the citizen's area page", () => {
  it("sends a visitor without a session to log in, and serves the forms after one", async () => {
    const h = passwordHarness();
    const citizen = await h.registerCitizen();
    await activate(h, citizen);
    const browser = new Browser(h);
    const away = await browser.request("GET", "/account");
    expect(away.status).toBe(303);
    expect(away.headers.get("location")).toBe("/account/login");

    const loginId = loginIdOf(await browser.request("GET", "/account/login")) ?? "";
    await passwordLogin(h, loginId, citizen, GOOD_PASSWORD);
    await post(h, loginId, "/otp/verify", { code: await latestOtp(h, citizen.mobile ?? "") });
    await browser.request("POST", `/login/${loginId}/continue`, "", ORIGIN);

    const pageHtml = await (await browser.request("GET", "/account")).text();
    expect(pageHtml).toContain(citizen.documentNumber);
    expect(pageHtml).toContain('action="/account/password"');

    const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
    const refused = await browser.request(
      "POST",
      "/account/password",
      form({ current: "mala", new: "otra frase bien larga" }),
      ORIGIN,
    );
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('role="alert"');
    const crossSite = await browser.request("POST", "/account/cancel", "", {
      origin: "https://evil.example",
    });
    expect(crossSite.status).toBe(400);
    const changed = await browser.request(
      "POST",
      "/account/password",
      form({ current: GOOD_PASSWORD, new: "otra frase bien larga" }),
      ORIGIN,
    );
    expect(changed.status).toBe(303);
    expect(changed.headers.get("location")).toBe("/account?done=changed");
    expect(await (await browser.request("GET", "/account?done=changed")).text()).toContain(
      'role="status"',
    );
  });
});

describe("cancelling the login to the citizen's area", () => {
  it("ends on a page that offers to log in again, not in a loop back to the login", async () => {
    const h = passwordHarness();
    const browser = new Browser(h);
    const loginId = loginIdOf(await browser.request("GET", "/account/login")) ?? "";
    const cancelled = await browser.request("POST", `/login/${loginId}/cancel`, "", ORIGIN);
    expect(cancelled.status).toBe(200);
    expect(await cancelled.text()).toContain('href="/account/login"');
  });
});

describe("the citizen's area for a basic-level citizen", () => {
  it("explains that it needs a substantial login instead of sending the citizen round again", async () => {
    const h = passwordHarness();
    // A basic registration gets no PIN at all for the area (it could only end here), so an
    // SMS PIN of an advanced citizen — low — is the login that falls short.
    const citizen = await h.registerCitizen({ registrationLevel: "advanced" });
    const browser = new Browser(h);
    const loginId = loginIdOf(await browser.request("GET", "/account/login")) ?? "";
    const { pin } = await (async () => {
      const got = await h.getPin(loginId, h.pinRequest(citizen));
      expect(got.status).toBe(202);
      return { pin: await h.latestPin(citizen.mobile ?? "") };
    })();
    expect((await h.verify(loginId, pin)).status).toBe(200);
    const done = await browser.request("POST", `/login/${loginId}/continue`, "", ORIGIN);
    expect(done.status).toBe(403);
    expect(await done.text()).toContain('href="/account/login"');
  });
});
