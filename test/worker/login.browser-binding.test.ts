/**
 * SECURITY.md "Login transactions and accounts": every page and API step of a login is bound
 * to the browser (or frame) that started it at /authorize; another browser, even with the
 * login id, is refused — with a page that says why, or a problem document — and nothing it
 * sends is acted on. The attack this stops (issue 15 §1): an attacker starts a login at an
 * agency, sends the genuine Llave link to a victim, the victim authenticates, and the attacker
 * continues the login in their own browser and gets the victim's tokens and SSO session.
 */
import { describe, expect, it } from "vitest";
import { harness } from "./harness.ts";
import { Browser, loginIdOf, relyingParty } from "./relying-party.ts";

const json = { "content-type": "application/json" };

/** Every step a login page's app can take, with a plausible body. */
function steps(h: ReturnType<typeof harness>, citizen: Parameters<typeof h.pinRequest>[0]) {
  const identity = h.pinRequest(citizen);
  return [
    ["GET", "", undefined],
    ["POST", "/pin", identity],
    ["POST", "/pin/verify", { pin: "123456" }],
    ["POST", "/password", { document: citizen.documentNumber, password: "a long password 1" }],
    ["POST", "/password/change", { password: "a brand new password 42" }],
    ["POST", "/otp", undefined],
    ["POST", "/otp/verify", { code: "123456" }],
    ["POST", "/otp/app", { code: "123456" }],
    ["POST", "/activation", { ...identity, activationCode: "ABCDEFGH23456789" }],
    ["POST", "/activation/password", { password: "a brand new password 42" }],
    ["POST", "/mobile/qr", undefined],
    ["POST", "/mobile/push", { document: identity.document, contrast: identity.contrast }],
    ["GET", "/mobile", undefined],
  ] as const;
}

async function attackersLogin(h: ReturnType<typeof harness>, framed = false) {
  const rp = await relyingParty(h, { allowedMethods: ["pin", "password", "mobile"] });
  const attacker = new Browser(h);
  const auth = await rp.authorization(
    framed ? { response_mode: "web_message", web_message_uri: "https://sede.agencia.example" } : {},
  );
  const first = await attacker.request("GET", rp.authorizePath(auth.params));
  const loginId = loginIdOf(first);
  if (!loginId) throw new Error(`no login: ${first.status} ${await first.text()}`);
  return { rp, attacker, auth, loginId };
}

describe("a login can only be taken forward by the browser that started it", () => {
  it("shows a stranger's browser a page that says so, and no login form", async () => {
    const h = harness();
    const { loginId, attacker } = await attackersLogin(h);
    const victim = new Browser(h);
    const page = await victim.request("GET", `/login/${loginId}`);
    expect(page.status).toBe(403);
    const text = await page.text();
    expect(text).toContain("otro navegador");
    expect(text).not.toContain(`"loginId":"${loginId}"`);
    // The browser that started it still gets its login page.
    expect((await attacker.request("GET", `/login/${loginId}`)).status).toBe(200);
  });

  it("refuses every API step from another browser, before anything is sent or counted", async () => {
    const h = harness();
    const citizen = await h.registerCitizen();
    const { loginId, attacker } = await attackersLogin(h);
    for (const browser of [new Browser(h), "no cookies"] as const) {
      for (const [method, path, body] of steps(h, citizen)) {
        const url = `/api/logins/${loginId}${path}`;
        const payload = body === undefined ? undefined : JSON.stringify(body);
        const response =
          browser === "no cookies"
            ? await h.call(method, url, payload, { ...json, cookie: "" })
            : await browser.request(method, url, payload, json);
        expect(response.status, `${method} ${path}`).toBe(403);
        expect(response.headers.get("content-type")).toBe("application/problem+json");
        expect(((await response.json()) as { code: string }).code).toBe("login_other_browser");
      }
    }
    // Nothing happened: no PIN, no push, and the login still waits at its start.
    expect(await h.outbox.list({ to: citizen.mobile ?? "", limit: 10 })).toHaveLength(0);
    const status = await attacker.request("GET", `/api/logins/${loginId}`);
    expect(((await status.json()) as { status: string }).status).toBe("started");
  });

  it("lets no other browser continue a login its starter authenticated", async () => {
    const h = harness();
    const citizen = await h.registerCitizen();
    const { loginId, attacker } = await attackersLogin(h);
    const pin = JSON.stringify(h.pinRequest(citizen));
    expect((await attacker.request("POST", `/api/logins/${loginId}/pin`, pin, json)).status).toBe(
      202,
    );
    const verify = JSON.stringify({ pin: await h.latestPin(citizen.mobile ?? "") });
    const verified = await attacker.request(
      "POST",
      `/api/logins/${loginId}/pin/verify`,
      verify,
      json,
    );
    expect(verified.status).toBe(200);
    const stranger = new Browser(h);
    expect((await stranger.request("GET", `/api/logins/${loginId}`)).status).toBe(403);
    expect((await stranger.request("POST", `/login/${loginId}/continue`, "")).status).toBe(403);
    expect(stranger.cookies.has("__Host-llave-session")).toBe(false);
    // The starter still can.
    const done = await attacker.request("POST", `/login/${loginId}/continue`, "");
    expect(done.status).toBe(303);
  });

  it("keeps a framed login's binding apart from the full-page cookie of the same browser", async () => {
    const h = harness();
    const citizen = await h.registerCitizen();
    const { loginId, attacker } = await attackersLogin(h, true);
    expect(attacker.cookies.has("__Host-llave-frame")).toBe(true);
    // The full-page binding cookie alone does not open a framed login.
    const fullPage = new Browser(h);
    const { attacker: other } = await attackersLogin(h);
    const cookie = other.cookies.header;
    expect(cookie).toContain("__Host-llave-browser=");
    const body = JSON.stringify(h.pinRequest(citizen));
    const refused = await fullPage.request("POST", `/api/logins/${loginId}/pin`, body, {
      ...json,
      cookie,
    });
    expect(refused.status).toBe(403);
    const accepted = await attacker.request("POST", `/api/logins/${loginId}/pin`, body, json);
    expect(accepted.status).toBe(202);
  });

  it("offers no way to start a login without an agency's request", async () => {
    const h = harness();
    const response = await h.call("POST", "/api/logins", {});
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
  });
});
