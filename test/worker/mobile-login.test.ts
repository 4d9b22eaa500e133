/**
 * The mobile method end to end inside workerd: activation of the app on a device, then a QR
 * login and a push login approved with the right number, each ending in an authenticated
 * transaction at `substantial` (capped by the registration level) once the device's binding
 * wait has passed (mobile.binding-level.test.ts covers the wait itself).
 */
import { describe, expect, it } from "vitest";
import { harness } from "./harness.ts";
import {
  activateBoundDevice,
  activateDevice,
  answer,
  identity,
  mobileStatus,
  scan,
  startQr,
} from "./mobile-support.ts";
import { Browser, loginIdOf, relyingParty } from "./relying-party.ts";

describe("mobile login", () => {
  it("activates the app and logs in by QR with the number the page shows", async () => {
    const h = harness();
    const citizen = await h.registerCitizen();
    const device = await activateBoundDevice(h, citizen);
    const me = await device.json<{ citizen: { level: string }; device: { current: boolean } }>(
      "GET",
      "/api/app/me",
    );
    expect(me.status).toBe(200);
    expect(me.body.citizen.level).toBe("substantial");
    expect(me.body.device.current).toBe(true);

    const loginId = await h.startLogin();
    const qr = await startQr(h, loginId);
    expect(qr.status).toBe("waiting");
    expect(qr.frame).toMatch(/^llave\.[0-9a-f]{64}\.0\.[0-9a-f]{64}$/);
    expect(qr.number).toBeGreaterThanOrEqual(10);

    const scanned = await scan(device, qr.frame ?? "");
    expect(scanned.status).toBe(200);
    expect(scanned.body.approval.choices).toContain(qr.number);
    expect((await mobileStatus(h, loginId)).status).toBe("scanned");

    const approved = await answer(device, scanned.body.approval.id, {
      decision: "approve",
      number: qr.number,
    });
    expect(approved).toEqual({ status: 200, body: { status: "approved" } });
    const status = await mobileStatus(h, loginId);
    expect(status.status).toBe("authenticated");
    const login = await (await h.call("GET", `/api/logins/${loginId}`)).json();
    expect(login).toMatchObject({
      status: "authenticated",
      authentication: {
        citizenId: citizen.id,
        method: "mobile",
        amr: ["swk", "user"],
        acr: "http://eidas.europa.eu/LoA/substantial",
      },
    });
  });

  it("caps a basic-registration citizen at low", async () => {
    const h = harness();
    const citizen = await h.registerCitizen({ registrationLevel: "basic" });
    const device = await activateDevice(h, citizen);
    const loginId = await h.startLogin();
    const qr = await startQr(h, loginId);
    const scanned = await scan(device, qr.frame ?? "");
    await answer(device, scanned.body.approval.id, { decision: "approve", number: qr.number });
    const login = (await (await h.call("GET", `/api/logins/${loginId}`)).json()) as {
      authentication: { acr: string };
    };
    expect(login.authentication.acr).toBe("http://eidas.europa.eu/LoA/low");
  });

  it("logs in by push: the request reaches the inbox and the right number approves it", async () => {
    const h = harness();
    const citizen = await h.registerCitizen();
    const device = await activateDevice(h, citizen);
    const loginId = await h.startLogin();
    const pushed = await h.call("POST", `/api/logins/${loginId}/mobile/push`, identity(citizen));
    expect(pushed.status).toBe(202);
    const page = (await pushed.json()) as { number: number; frame: string | null; mode: string };
    expect(page.mode).toBe("push");
    expect(page.frame).toBeNull();

    const inbox = await device.json<{
      items: { kind: string; approval: { id: string; choices: number[]; mode: string } }[];
    }>("GET", "/api/app/inbox");
    const [item] = inbox.body.items;
    expect(item?.kind).toBe("approval");
    expect(item?.approval.mode).toBe("push");
    expect(item?.approval.choices).toContain(page.number);

    const approved = await answer(device, item?.approval.id ?? "", {
      decision: "approve",
      number: page.number,
    });
    expect(approved.body.status).toBe("approved");
    expect((await mobileStatus(h, loginId)).status).toBe("authenticated");
    const after = await device.json<{ items: unknown[] }>("GET", "/api/app/inbox");
    expect(after.body.items).toEqual([]);
  });

  it("puts an app PIN into the inbox", async () => {
    const h = harness();
    const citizen = await h.registerCitizen();
    const device = await activateDevice(h, citizen);
    const { loginId } = await h.loginWithPin(citizen, { channel: "app" });
    const inbox = await device.json<{ items: { kind: string; pin: string }[] }>(
      "GET",
      "/api/app/inbox",
    );
    const pin = inbox.body.items.find((i) => i.kind === "pin")?.pin ?? "";
    expect(pin).toMatch(/^\d{6}$/);
    expect((await h.verify(loginId, pin)).status).toBe(200);
  });
});

describe("mobile login through OpenID Connect", () => {
  it("ends in an ID token with acr substantial and amr swk, user", async () => {
    const h = harness();
    const citizen = await h.registerCitizen();
    const device = await activateBoundDevice(h, citizen);
    const rp = await relyingParty(h, { allowedMethods: ["mobile"], minAcr: "substantial" });
    const browser = new Browser(h);
    const auth = await rp.authorization();
    const first = await browser.request("GET", rp.authorizePath(auth.params));
    const loginId = loginIdOf(first) ?? "";
    const page = await browser.request("GET", `/login/${loginId}`);
    expect(await page.text()).toContain('"methods":["mobile"]');
    const qr = await startQr(h, loginId, browser.cookies.header);
    const scanned = await scan(device, qr.frame ?? "");
    await answer(device, scanned.body.approval.id, { decision: "approve", number: qr.number });
    const done = await browser.request("POST", `/login/${loginId}/continue`, "");
    const code = rp.redirectQuery(done)?.get("code") ?? "";
    const tokens = (await (await rp.redeem(code, auth)).json()) as { id_token: string };
    const claims = await rp.verifyIdToken(tokens.id_token);
    expect(claims.acr).toBe("http://eidas.europa.eu/LoA/substantial");
    expect(claims.amr).toEqual(["swk", "user"]);
  });

  it("a declined login can only be cancelled: the agency gets access_denied", async () => {
    const h = harness();
    const citizen = await h.registerCitizen();
    const device = await activateDevice(h, citizen);
    const rp = await relyingParty(h, { allowedMethods: ["mobile", "pin"] });
    const browser = new Browser(h);
    const auth = await rp.authorization();
    const loginId = loginIdOf(await browser.request("GET", rp.authorizePath(auth.params))) ?? "";
    const qr = await startQr(h, loginId, browser.cookies.header);
    const scanned = await scan(device, qr.frame ?? "");
    await answer(device, scanned.body.approval.id, { decision: "decline" });
    const page = await (await browser.request("GET", `/login/${loginId}`)).text();
    expect(page).toContain('"kind":"mobile_ended","reason":"declined"');
    const again = await browser.request("POST", `/login/${loginId}/continue`, "");
    expect(again.status).toBe(303);
    expect(again.headers.get("location")).toBe(`/login/${loginId}`);
    const cancelled = await browser.request("POST", `/login/${loginId}/cancel`, "");
    expect(rp.redirectQuery(cancelled)?.get("error")).toBe("access_denied");
  });
});
