/**
 * PIN login end to end through the real entry point (index.ts), the way a browser does it:
 * an agency's /authorize hands over to the login page, then Get PIN, the PIN read from the
 * outbox, verify — every step with the browser cookie /authorize set.
 */
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { CookieJar } from "../../scripts/lib/cookie-jar.ts";
import { acrUri } from "../../worker/src/assurance/levels.ts";
import { harness } from "./harness.ts";
import { activateBoundDevice } from "./mobile-support.ts";
import { loginIdOf, relyingParty } from "./relying-party.ts";

const browser = new CookieJar();

async function send(method: string, path: string, body?: unknown): Promise<Response> {
  const response = await SELF.fetch(`https://llave.test${path}`, {
    method,
    redirect: "manual",
    headers: { "content-type": "application/json", cookie: browser.header },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  browser.store(response.headers.getSetCookie());
  return response;
}

const post = (path: string, body?: unknown) => send("POST", path, body);

describe("PIN login through the worker entry", () => {
  it("completes a login with the PIN read from the outbox", async () => {
    const h = harness();
    const citizen = await h.registerCitizen({ registrationLevel: "advanced" });
    const rp = await relyingParty(h);
    const started = await send("GET", rp.authorizePath((await rp.authorization()).params));
    expect(started.status).toBe(302);
    const loginId = loginIdOf(started);
    expect(loginId).toMatch(/^[A-Za-z0-9_-]{22}$/);

    const asked = await post(`/api/logins/${loginId}/pin`, h.pinRequest(citizen));
    expect(asked.status).toBe(202);

    // Delivery runs after the answer; poll the outbox the way a person would.
    let pin: string | undefined;
    for (let i = 0; i < 50 && !pin; i++) {
      [pin] = await h.delivered(citizen.mobile ?? "");
      if (!pin) await new Promise((r) => setTimeout(r, 20));
    }
    expect(pin).toMatch(/^\d{6}$/);

    const verified = await post(`/api/logins/${loginId}/pin/verify`, { pin });
    expect(verified.status).toBe(200);
    expect(await verified.json()).toMatchObject({
      status: "authenticated",
      citizenId: citizen.id,
      amr: ["otp", "sms"],
      acr: acrUri("low"),
    });

    const status = await send("GET", `/api/logins/${loginId}`);
    expect(await status.json()).toMatchObject({
      status: "authenticated",
      authentication: { citizenId: citizen.id },
    });
  });
});

describe("levels of assurance for PIN logins", () => {
  const cases = [
    {
      registration: "basic",
      channel: "sms",
      personalCode: undefined,
      level: "low",
      amr: ["otp", "sms"],
    },
    {
      registration: "basic",
      channel: "app",
      personalCode: undefined,
      level: "low",
      amr: ["otp", "mca"],
    },
    {
      registration: "advanced",
      channel: "sms",
      personalCode: undefined,
      level: "low",
      amr: ["otp", "sms"],
    },
    {
      registration: "advanced",
      channel: "app",
      personalCode: undefined,
      level: "substantial",
      amr: ["otp", "mca"],
    },
    // The personal code is chosen on the spot: no factor, no level (pin.personalised-level).
    {
      registration: "advanced",
      channel: "sms",
      personalCode: "GATO",
      level: "low",
      amr: ["otp", "sms"],
    },
    {
      registration: "basic",
      channel: "sms",
      personalCode: "GATO",
      level: "low",
      amr: ["otp", "sms"],
    },
    {
      registration: "advanced",
      channel: "app",
      personalCode: "GATO",
      level: "substantial",
      amr: ["otp", "mca"],
    },
  ] as const;

  for (const c of cases) {
    it(`${c.registration} registration, ${c.channel}${c.personalCode ? " + personal code" : ""} → ${c.level}`, async () => {
      const h = harness();
      const citizen = await h.registerCitizen({ registrationLevel: c.registration });
      // An app PIN is worth the device that shows it: one the citizen has had past its wait.
      if (c.channel === "app") await activateBoundDevice(h, citizen);
      const extra = {
        channel: c.channel,
        ...(c.personalCode ? { personalCode: c.personalCode } : {}),
      };
      const { loginId, pin } = await h.loginWithPin(citizen, extra);
      const response = await h.verify(loginId, pin, c.personalCode?.toLowerCase());
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ acr: acrUri(c.level), amr: c.amr });
    });
  }

  it("a personalised PIN needs its personal code", async () => {
    const h = harness();
    const citizen = await h.registerCitizen();
    const { loginId, pin } = await h.loginWithPin(citizen, { personalCode: "R2D2" });
    expect((await h.verify(loginId, pin)).status).toBe(400);
    expect((await h.verify(loginId, pin, "R2D3")).status).toBe(400);
    expect((await h.verify(loginId, pin, "r2d2")).status).toBe(200);
  });
});

describe("audit", () => {
  it("records requested, delivered, failed and verified with the transaction and requester", async () => {
    const h = harness();
    const citizen = await h.registerCitizen();
    const loginId = await h.startLogin();
    await h.call("POST", `/api/logins/${loginId}/pin`, h.pinRequest(citizen), {
      "cf-connecting-ip": "203.0.113.7",
      "user-agent": "test-agent",
    });
    const pin = await h.latestPin(citizen.mobile ?? "");
    await h.verify(loginId, pin === "000000" ? "000001" : "000000");
    await h.verify(loginId, pin);
    const events = await h.deps.audit.list({ citizenId: citizen.id });
    expect(events.map((e) => e.event).reverse()).toEqual([
      "citizen.registered",
      "pin.requested",
      "pin.delivered",
      "pin.failed",
      "pin.verified",
    ]);
    expect(events.find((e) => e.event === "pin.requested")).toMatchObject({
      loginId,
      ip: "203.0.113.7",
      userAgent: "test-agent",
    });
    expect(JSON.stringify(events)).not.toContain(pin);
  });
});
