/**
 * mobile.binding-level — SECURITY.md "A new authenticator … SMS possession alone never yields
 * substantial at once" (NIST SP 800-63B rev 4 on binding an additional authenticator;
 * docs/mobile.md "Binding a new device"). A device activated with the document, the contrast
 * datum and an SMS code asserts at most `low` during its binding wait, for everything it
 * proves: QR and push approvals, CIBA, the app PINs its inbox shows and its step-up codes.
 * Every contact is told, with a single-use link that cancels the device without logging in
 * (GET only shows; POST revokes). Past the wait, read from stored timestamps, the device
 * asserts `substantial`, still capped by the registration.
 */
import { describe, expect, it } from "vitest";
import { acrUri } from "../../worker/src/assurance/levels.ts";
import type { Citizen } from "../../worker/src/storage/account-store.ts";
import { harness as baseHarness, type Harness } from "./harness.ts";
import {
  activateDevice,
  answer,
  type Device,
  identity,
  pastBindingWait,
  scan,
  startQr,
} from "./mobile-support.ts";
import {
  activate,
  GOOD_PASSWORD,
  latestOtp,
  passwordHarness,
  passwordLogin,
  post,
  problem,
} from "./password-support.ts";
import { Browser, loginIdOf, relyingParty } from "./relying-party.ts";

const EMAIL = "ana.binding@example.test";

/** Many devices are activated from the one test "network": lift its activation limit. */
const harness = (options: Parameters<typeof baseHarness>[0] = {}) =>
  baseHarness({
    ...options,
    config: (c) => {
      const base = { ...c, mobile: { ...c.mobile, activationsPerIpHour: 10_000 } };
      return options.config ? options.config(base) : base;
    },
  });
const HOUR_MS = 3_600_000;

/** A QR login approved by `device`; the level the transaction was authenticated at. */
async function qrLoginLevel(h: Harness, device: Device): Promise<string> {
  const loginId = await h.startLogin();
  const qr = await startQr(h, loginId);
  const scanned = await scan(device, qr.frame ?? "");
  const approved = await answer(device, scanned.body.approval.id, {
    decision: "approve",
    number: qr.number,
  });
  expect(approved.body.status).toBe("approved");
  return authenticatedLevel(h, loginId);
}

async function authenticatedLevel(h: Harness, loginId: string): Promise<string> {
  const login = (await (await h.call("GET", `/api/logins/${loginId}`)).json()) as {
    authentication: { acr: string };
  };
  return login.authentication.acr;
}

/** A push login approved by `device`; the level the transaction was authenticated at. */
async function pushLoginLevel(h: Harness, citizen: Citizen, device: Device): Promise<string> {
  const loginId = await h.startLogin();
  const pushed = await h.call("POST", `/api/logins/${loginId}/mobile/push`, identity(citizen));
  const { number } = (await pushed.json()) as { number: number };
  const inbox = await device.json<{ items: { kind: string; approval: { id: string } }[] }>(
    "GET",
    "/api/app/inbox",
  );
  const item = inbox.body.items.find((i) => i.kind === "approval");
  await answer(device, item?.approval.id ?? "", { decision: "approve", number });
  return authenticatedLevel(h, loginId);
}

/** An app PIN read in `device`'s inbox and verified; the level it asserts. */
async function appPinLevel(h: Harness, citizen: Citizen, device: Device): Promise<string> {
  const loginId = await h.startLogin();
  await h.getPin(loginId, h.pinRequest(citizen, { channel: "app" }));
  const inbox = await device.json<{ items: { kind: string; pin: string }[] }>(
    "GET",
    "/api/app/inbox",
  );
  const pin = inbox.body.items.find((i) => i.kind === "pin")?.pin ?? "";
  const verified = await h.verify(loginId, pin);
  expect(verified.status).toBe(200);
  return ((await verified.json()) as { acr: string }).acr;
}

/** The cancel link the activation notice carried on `to`, as a path on the issuer. */
async function cancelPath(h: Harness, to: string): Promise<string> {
  const messages = await h.outbox.list({ to, limit: 50 });
  const notice = messages.find((m) => m.kind === "device_activated");
  const link = /https?:\/\/\S+\/devices\/cancel\/[A-Za-z0-9_-]{43}/.exec(notice?.text ?? "");
  if (!link) throw new Error(`no cancel link sent to ${to}`);
  return new URL(link[0]).pathname;
}

describe("mobile.binding-level: a device bound by SMS alone", () => {
  it("approves QR and push logins at low during the wait, at substantial after it", async () => {
    const h = harness();
    const citizen = await h.registerCitizen({ registrationLevel: "advanced" });
    const device = await activateDevice(h, citizen);
    const me = await device.json<{ citizen: { level: string }; device: { waitEndsAt: number } }>(
      "GET",
      "/api/app/me",
    );
    expect(me.body.citizen.level).toBe("low");
    expect(me.body.device.waitEndsAt).toBe(h.clock.now() + 24 * HOUR_MS);

    expect(await qrLoginLevel(h, device)).toBe(acrUri("low"));
    expect(await pushLoginLevel(h, citizen, device)).toBe(acrUri("low"));

    // One minute short of the default 24 h: still low.
    h.clock.advance(24 * HOUR_MS - 60_000);
    expect(await qrLoginLevel(h, device)).toBe(acrUri("low"));

    h.clock.advance(60_000);
    expect(await qrLoginLevel(h, device)).toBe(acrUri("substantial"));
    expect(await pushLoginLevel(h, citizen, device)).toBe(acrUri("substantial"));
    const after = await device.json<{ citizen: { level: string } }>("GET", "/api/app/me");
    expect(after.body.citizen.level).toBe("substantial");
  });

  it("gives an agency that needs substantial no code during the wait", async () => {
    const h = harness();
    const citizen = await h.registerCitizen({ registrationLevel: "advanced" });
    const device = await activateDevice(h, citizen);
    const rp = await relyingParty(h, { allowedMethods: ["mobile"], minAcr: "substantial" });
    const browser = new Browser(h);
    const auth = await rp.authorization();
    const loginId = loginIdOf(await browser.request("GET", rp.authorizePath(auth.params))) ?? "";
    const qr = await startQr(h, loginId);
    const scanned = await scan(device, qr.frame ?? "");
    await answer(device, scanned.body.approval.id, { decision: "approve", number: qr.number });
    const done = await browser.request("POST", `/login/${loginId}/continue`, "");
    const query = rp.redirectQuery(done);
    expect(query?.get("error")).toBe("unmet_authentication_requirements");
    expect(query?.get("code")).toBeNull();
  });

  it("keeps a basic-registration citizen at low after the wait", async () => {
    const h = harness();
    const citizen = await h.registerCitizen({ registrationLevel: "basic" });
    const device = await activateDevice(h, citizen);
    pastBindingWait(h);
    expect(await qrLoginLevel(h, device)).toBe(acrUri("low"));
  });

  it("makes app PINs low while any device that can read them is in its wait", async () => {
    const h = harness();
    const citizen = await h.registerCitizen({ registrationLevel: "advanced" });
    const device = await activateDevice(h, citizen);
    expect(await appPinLevel(h, citizen, device)).toBe(acrUri("low"));
    pastBindingWait(h);
    expect(await appPinLevel(h, citizen, device)).toBe(acrUri("substantial"));
  });

  it("keeps an app PIN low when the waiting device that read it is revoked before verifying", async () => {
    const h = harness();
    const citizen = await h.registerCitizen({ registrationLevel: "advanced" });
    const device = await activateDevice(h, citizen);
    const loginId = await h.startLogin();
    await h.getPin(loginId, h.pinRequest(citizen, { channel: "app" }));
    const inbox = await device.json<{ items: { kind: string; pin: string }[] }>(
      "GET",
      "/api/app/inbox",
    );
    const pin = inbox.body.items.find((i) => i.kind === "pin")?.pin ?? "";
    // Its own holder revokes it: no device is active any more when the PIN is verified.
    expect((await device.call("DELETE", `/api/app/devices/${device.id}`)).status).toBe(204);
    const verified = await h.verify(loginId, pin);
    expect(verified.status).toBe(200);
    expect(await verified.json()).toMatchObject({ acr: acrUri("low") });
  });

  it("takes the configured wait", async () => {
    const h = harness({
      config: (c) => ({ ...c, mobile: { ...c.mobile, bindingWaitMs: 2 * HOUR_MS } }),
    });
    const citizen = await h.registerCitizen({ registrationLevel: "advanced" });
    const device = await activateDevice(h, citizen);
    h.clock.advance(2 * HOUR_MS - 1000);
    expect(await qrLoginLevel(h, device)).toBe(acrUri("low"));
    h.clock.advance(1000);
    expect(await qrLoginLevel(h, device)).toBe(acrUri("substantial"));
  });

  it("refuses a CIBA request for substantial during the wait", async () => {
    const h = harness();
    const citizen = await h.registerCitizen({ registrationLevel: "advanced" });
    await activateDevice(h, citizen);
    const rp = await relyingParty(h, { allowedMethods: ["pin", "mobile"] });
    const start = () =>
      h.call(
        "POST",
        "/backchannel-authentication",
        new URLSearchParams({
          scope: "openid",
          login_hint: citizen.documentNumber,
          binding_message: "Llamada 4821",
          acr_values: acrUri("substantial"),
        }).toString(),
        { "content-type": "application/x-www-form-urlencoded", authorization: rp.basic },
      );
    const refused = await start();
    expect(refused.status).toBe(403);
    const body = (await refused.json()) as { error: string; error_description: string };
    expect(body.error).toBe("access_denied");
    expect(body.error_description).toMatch(/activated recently/);
    pastBindingWait(h);
    expect((await start()).status).toBe(200);
  });
});

describe("mobile.binding-level: the app's step-up code", () => {
  const appHarness = () =>
    passwordHarness({
      config: (c) => ({ ...c, mobile: { ...c.mobile, activationsPerIpHour: 10_000 } }),
    });

  /** At the second factor of a login for a service that needs substantial. */
  async function stepUp(h: Harness, citizen: Citizen) {
    const rp = await relyingParty(h, { allowedMethods: ["password"], minAcr: "substantial" });
    const auth = await rp.authorization();
    const browser = new Browser(h);
    const loginId = loginIdOf(await browser.request("GET", rp.authorizePath(auth.params))) ?? "";
    const answered = await passwordLogin(h, loginId, citizen, GOOD_PASSWORD);
    expect(await answered.json()).toMatchObject({ status: "otp_sent" });
    return loginId;
  }

  it("is refused for substantial during the wait, leaving the SMS code; accepted after", async () => {
    const h = appHarness();
    const citizen = await h.registerCitizen({ registrationLevel: "advanced" });
    await activate(h, citizen);
    const device = await activateDevice(h, citizen);
    const loginId = await stepUp(h, citizen);
    const refused = await post(h, loginId, "/otp/app", { code: device.totpCode() });
    expect(refused.status).toBe(409);
    expect((await problem(refused)).code).toBe("device_waiting");
    const sms = await post(h, loginId, "/otp/verify", {
      code: await latestOtp(h, citizen.mobile ?? ""),
    });
    expect(sms.status).toBe(200);
    expect(await sms.json()).toMatchObject({ acr: acrUri("substantial") });

    pastBindingWait(h);
    const later = await stepUp(h, citizen);
    const accepted = await post(h, later, "/otp/app", { code: device.totpCode() });
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ acr: acrUri("substantial") });
  });
});

describe("mobile.binding-level: notice and cancel link", () => {
  it("tells every contact, with a link that shows on GET and cancels once on POST", async () => {
    const h = harness();
    const citizen = await h.registerCitizen({ registrationLevel: "advanced", email: EMAIL });
    const device = await activateDevice(h, citizen, "Móvil nuevo");
    const bySms = await cancelPath(h, citizen.mobile ?? "");
    const byEmail = await cancelPath(h, EMAIL);
    expect(byEmail).toBe(bySms);
    const [notice] = (await h.outbox.list({ to: EMAIL, limit: 50 })).filter(
      (m) => m.kind === "device_activated",
    );
    expect(notice?.text).toContain("Móvil nuevo");
    expect(notice?.text).toMatch(/nivel bajo/);

    // Opening the link (a person, or a mail scanner) changes nothing.
    const shown = await h.call("GET", bySms);
    expect(shown.status).toBe(200);
    expect(shown.headers.get("content-type")).toContain("text/html");
    const page = await shown.text();
    expect(page).toContain("Móvil nuevo");
    expect(page).toMatch(/<form method="post">/);
    expect((await h.call("GET", bySms)).status).toBe(200);
    expect((await device.json("GET", "/api/app/me")).status).toBe(200);

    const cancelled = await h.call("POST", bySms);
    expect(cancelled.status).toBe(200);
    expect(await cancelled.text()).toContain('data-status="cancelled"');
    const me = await device.json<{ code: string }>("GET", "/api/app/me");
    expect(me.status).toBe(401);
    expect(me.body.code).toBe("device_unknown");

    // Single use: the same link, by either contact, does nothing any more.
    expect((await h.call("POST", byEmail)).status).toBe(404);
    expect((await h.call("GET", byEmail)).status).toBe(404);

    const told = await h.outbox.list({ to: EMAIL, limit: 50 });
    expect(told.some((m) => m.kind === "device_cancelled")).toBe(true);
    const told2 = await h.outbox.list({ to: citizen.mobile ?? "", limit: 50 });
    expect(told2.some((m) => m.kind === "device_cancelled")).toBe(true);
    const events = await h.deps.audit.list({ citizenId: citizen.id });
    expect(events.find((e) => e.event === "mobile.device_cancelled")?.detail).toMatchObject({
      deviceId: device.id,
    });
    const listed = await h.deps.devices.list(citizen.id);
    expect(listed[0]).toMatchObject({ status: "revoked", revokedReason: "cancelled" });
  });

  it("still cancels after the wait, and a cancelled device approves nothing", async () => {
    const h = harness();
    const citizen = await h.registerCitizen({ registrationLevel: "advanced" });
    const device = await activateDevice(h, citizen);
    const path = await cancelPath(h, citizen.mobile ?? "");
    pastBindingWait(h);
    const loginId = await h.startLogin();
    const qr = await startQr(h, loginId);
    expect((await h.call("POST", path)).status).toBe(200);
    const scanned = await scan(device, qr.frame ?? "");
    expect(scanned.status).toBe(401);
  });

  it("answers an unknown or malformed token with a page, never a 5xx", async () => {
    const h = harness();
    for (const token of ["x".repeat(43), "short", "%00", "a".repeat(300)]) {
      for (const method of ["GET", "POST"]) {
        const response = await h.call(method, `/devices/cancel/${token}`);
        expect(response.status).toBe(404);
        expect(response.headers.get("content-type")).toContain("text/html");
      }
    }
  });
});
