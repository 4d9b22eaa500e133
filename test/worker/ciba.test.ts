/**
 * OpenID CIBA (poll mode) inside workerd with the real Durable Objects: an agency's backend
 * starts a login at /backchannel-authentication, the citizen's app (a real device with its key,
 * mobile-support.ts) finds the request in its inbox with the binding message and answers with
 * the number the operator read out, and the backend polls /token with the auth_req_id. Each
 * refusal answers the CIBA Core 11/13 code; bad input never gets a 5xx.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Citizen } from "../../worker/src/storage/account-store.ts";
import type { NewClient } from "../../worker/src/storage/client-store.ts";
import { harness as baseHarness, type Harness } from "./harness.ts";
import { activateBoundDevice, activateDevice, answer, type Device } from "./mobile-support.ts";
import { relyingParty } from "./relying-party.ts";

const CIBA = "urn:openid:params:grant-type:ciba";
const FORM = { "content-type": "application/x-www-form-urlencoded" };

type Started = { auth_req_id: string; expires_in: number; interval: number; match_number: number };
type OAuthBody = { error: string; error_description: string };
type InboxItem = {
  kind: string;
  approval: {
    id: string;
    mode: string;
    agency: string;
    bindingMessage: string | null;
    choices: number[];
    location: string | null;
    browser: string | null;
  };
};

/** Many devices are activated from the one test "network": lift its activation limit. */
const harness = () =>
  baseHarness({
    config: (c) => ({ ...c, mobile: { ...c.mobile, activationsPerIpHour: 10_000 } }),
  });

async function agency(h: Harness, overrides: Partial<NewClient> = {}) {
  const rp = await relyingParty(h, { allowedMethods: ["pin", "mobile"], ...overrides });
  /** POST /backchannel-authentication with the client's Basic credentials. */
  const start = (params: Record<string, string>, headers: Record<string, string> = {}) =>
    h.call("POST", "/backchannel-authentication", new URLSearchParams(params).toString(), {
      ...FORM,
      authorization: rp.basic,
      ...headers,
    });
  const poll = (authReqId: string) => rp.token({ grant_type: CIBA, auth_req_id: authReqId });
  return { ...rp, start, poll };
}

const request = (citizen: Citizen, extra: Record<string, string> = {}) => ({
  scope: "openid profile",
  login_hint: citizen.documentNumber,
  binding_message: "Llamada 4821",
  ...extra,
});

/** A citizen with the app on a device they have had past its binding wait. */
async function citizenWithApp(h: Harness) {
  const citizen = await h.registerCitizen();
  const device = await activateBoundDevice(h, citizen);
  return { citizen, device };
}

async function inboxApproval(device: Device) {
  const inbox = await device.json<{ items: InboxItem[] }>("GET", "/api/app/inbox");
  const item = inbox.body.items.find((i) => i.kind === "approval");
  if (!item) throw new Error("no approval in the inbox");
  return item.approval;
}

async function started(response: Response): Promise<Started> {
  expect(response.status, await response.clone().text()).toBe(200);
  expect(response.headers.get("cache-control")).toBe("no-store");
  return (await response.json()) as Started;
}

async function oauthError(response: Response, status = 400): Promise<OAuthBody> {
  expect(response.status, await response.clone().text()).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  return (await response.json()) as OAuthBody;
}

describe("CIBA: a call centre logs a citizen in through their app", () => {
  it("starts, is pending, and gives tokens once the app picks the number read out", async () => {
    const h = harness();
    const rp = await agency(h, { name: "Centro de atención" });
    const { citizen, device } = await citizenWithApp(h);

    const body = await started(await rp.start(request(citizen, { scope: "openid profile" })));
    expect(body.auth_req_id).toMatch(/^[0-9a-f]{64}\.[A-Za-z0-9_-]{43}$/);
    expect(body.expires_in).toBe(h.config.mobile.approvalTtlMs / 1000);
    expect(body.interval).toBe(5);
    expect(body.match_number).toBeGreaterThanOrEqual(10);
    expect(body.match_number).toBeLessThanOrEqual(99);

    const approval = await inboxApproval(device);
    expect(approval).toMatchObject({
      mode: "ciba",
      agency: "Centro de atención",
      bindingMessage: "Llamada 4821",
      location: null,
      browser: null,
    });
    expect(approval.choices).toHaveLength(3);
    expect(approval.choices).toContain(body.match_number);

    expect((await oauthError(await rp.poll(body.auth_req_id))).error).toBe("authorization_pending");

    const approved = await answer(device, approval.id, {
      decision: "approve",
      number: body.match_number,
    });
    expect(approved).toEqual({ status: 200, body: { status: "approved" } });
    expect((await device.json<{ items: unknown[] }>("GET", "/api/app/inbox")).body.items).toEqual(
      [],
    );

    h.clock.advance(5000);
    const tokens = await rp.poll(body.auth_req_id);
    expect(tokens.status, await tokens.clone().text()).toBe(200);
    const set = (await tokens.json()) as Record<string, string>;
    expect(set).toMatchObject({ token_type: "Bearer", scope: "openid profile" });
    expect(set.refresh_token).toBeUndefined();
    const claims = await rp.verifyIdToken(set.id_token ?? "");
    expect(claims).toMatchObject({
      acr: "http://eidas.europa.eu/LoA/substantial",
      amr: ["swk", "user"],
      auth_time: Math.floor(h.clock.now() / 1000) - 5,
      azp: rp.client.id,
    });
    expect(claims.nonce).toBeUndefined();
    expect(claims.sid).toBeUndefined();

    const info = await h.call("GET", "/userinfo", undefined, {
      authorization: `Bearer ${set.access_token}`,
    });
    expect(info.status).toBe(200);
    expect(await info.json()).toMatchObject({ sub: claims.sub, given_name: citizen.givenName });

    // Redeemed once: a replay is refused and revokes what the first poll issued.
    h.clock.advance(5000);
    const replay = await oauthError(await rp.poll(body.auth_req_id));
    expect(replay.error).toBe("invalid_grant");
    const after = await h.call("GET", "/userinfo", undefined, {
      authorization: `Bearer ${set.access_token}`,
    });
    expect(after.status).toBe(401);
  });

  it("issues a refresh token when offline_access was asked for and allowed", async () => {
    const h = harness();
    const rp = await agency(h);
    const { citizen, device } = await citizenWithApp(h);
    const body = await started(
      await rp.start(request(citizen, { scope: "openid offline_access" })),
    );
    const approval = await inboxApproval(device);
    await answer(device, approval.id, { decision: "approve", number: body.match_number });
    const set = (await (await rp.poll(body.auth_req_id)).json()) as Record<string, string>;
    expect(set.refresh_token).toEqual(expect.any(String));
    const refreshed = await rp.token({
      grant_type: "refresh_token",
      refresh_token: set.refresh_token ?? "",
    });
    expect(refreshed.status).toBe(200);
  });

  it("answers slow_down to a poll sooner than the interval, and records every poll", async () => {
    const h = harness();
    const rp = await agency(h);
    const { citizen } = await citizenWithApp(h);
    const body = await started(await rp.start(request(citizen)));
    expect((await oauthError(await rp.poll(body.auth_req_id))).error).toBe("authorization_pending");
    h.clock.advance(2000);
    expect((await oauthError(await rp.poll(body.auth_req_id))).error).toBe("slow_down");
    // The too-early poll counted: the next must wait a whole interval after it.
    h.clock.advance(3000);
    expect((await oauthError(await rp.poll(body.auth_req_id))).error).toBe("slow_down");
    h.clock.advance(5000);
    expect((await oauthError(await rp.poll(body.auth_req_id))).error).toBe("authorization_pending");
  });

  it.each([
    ["decline", { decision: "decline" }, 200],
    ["not_me", { decision: "not_me" }, 200],
    ["a wrong number", { decision: "approve", number: -1 }, 409],
  ] as const)("ends in access_denied after %s", async (_, decision, status) => {
    const h = harness();
    const rp = await agency(h);
    const { citizen, device } = await citizenWithApp(h);
    const body = await started(await rp.start(request(citizen)));
    const approval = await inboxApproval(device);
    const wrong = approval.choices.find((n) => n !== body.match_number) ?? 0;
    const sent =
      decision.decision === "approve" ? { decision: "approve", number: wrong } : { ...decision };
    expect((await answer(device, approval.id, sent)).status).toBe(status);
    const denied = await oauthError(await rp.poll(body.auth_req_id));
    expect(denied.error).toBe("access_denied");
    // And stays so: the login has ended.
    h.clock.advance(5000);
    expect((await oauthError(await rp.poll(body.auth_req_id))).error).toBe("access_denied");
  });

  it("ends in expired_token after requested_expiry, approved or not", async () => {
    const h = harness();
    const rp = await agency(h);
    const { citizen, device } = await citizenWithApp(h);
    const body = await started(await rp.start(request(citizen, { requested_expiry: "60" })));
    expect(body.expires_in).toBe(60);
    h.clock.advance(60_000);
    expect((await oauthError(await rp.poll(body.auth_req_id))).error).toBe("expired_token");
    const approval = (await device.json<{ items: InboxItem[] }>("GET", "/api/app/inbox")).body
      .items;
    expect(approval).toEqual([]);

    // requested_expiry never exceeds the deployment's approval lifetime.
    const capped = await started(await rp.start(request(citizen, { requested_expiry: "86400" })));
    expect(capped.expires_in).toBe(h.config.mobile.approvalTtlMs / 1000);
  });

  it("refuses a poll by another client, and an auth_req_id that is not one", async () => {
    const h = harness();
    const rp = await agency(h);
    const other = await agency(h);
    const { citizen, device } = await citizenWithApp(h);
    const body = await started(await rp.start(request(citizen)));
    const approval = await inboxApproval(device);
    await answer(device, approval.id, { decision: "approve", number: body.match_number });
    expect((await oauthError(await other.poll(body.auth_req_id))).error).toBe("invalid_grant");
    for (const forged of [
      "x",
      `${body.auth_req_id.slice(0, 65)}${"A".repeat(43)}`,
      `${"0".repeat(64)}.${"A".repeat(43)}`,
    ]) {
      expect((await oauthError(await rp.poll(forged))).error).toBe("invalid_grant");
    }
    const missing = await oauthError(await rp.token({ grant_type: CIBA }));
    expect(missing.error).toBe("invalid_request");
    // The rightful client still gets its tokens: the refusals redeemed nothing.
    expect((await rp.poll(body.auth_req_id)).status).toBe(200);
  });
});

describe("CIBA: who can be asked", () => {
  it("answers unknown_user_id for an unknown document, a suspended citizen and no app", async () => {
    const h = harness();
    const rp = await agency(h);
    const unknown = await h.registerCitizen();
    const suspended = await h.registerCitizen({ status: "suspended" });
    const cases: [Record<string, string>, RegExp][] = [
      [request(unknown, { login_hint: "00000000T" }), /No active citizen/],
      [request(suspended), /No active citizen/],
      [request(unknown), /has not activated the citizen app/],
    ];
    for (const [params, description] of cases) {
      const body = await oauthError(await rp.start(params));
      expect(body.error).toBe("unknown_user_id");
      expect(body.error_description).toMatch(description);
    }
  });

  it("refuses a level the citizen's registration cannot reach", async () => {
    const h = harness();
    const rp = await agency(h);
    const citizen = await h.registerCitizen({ registrationLevel: "basic" });
    await activateDevice(h, citizen);
    const body = await oauthError(
      await rp.start(request(citizen, { acr_values: "http://eidas.europa.eu/LoA/substantial" })),
      403,
    );
    expect(body.error).toBe("access_denied");
  });

  it("applies the app's push limits, and says so with access_denied", async () => {
    const h = harness();
    const rp = await agency(h);
    const { citizen } = await citizenWithApp(h);
    const limit = h.config.mobile.pushUnansweredLimit;
    for (let i = 0; i < limit; i++) await started(await rp.start(request(citizen)));
    const refused = await oauthError(await rp.start(request(citizen)), 403);
    expect(refused.error).toBe("access_denied");
    expect(refused.error_description).toMatch(/try again in \d+ s/);
  });
});

describe("CIBA: the request's parameters", () => {
  it.each([
    ["no binding_message", { binding_message: undefined }, "invalid_binding_message"],
    ["an empty binding_message", { binding_message: "   " }, "invalid_binding_message"],
    ["a long binding_message", { binding_message: "x".repeat(65) }, "invalid_binding_message"],
    ["a control character", { binding_message: "Hola\u0000" }, "invalid_binding_message"],
    ["a direction override", { binding_message: "Pago \u202E1234" }, "invalid_binding_message"],
    ["no openid scope", { scope: "profile" }, "invalid_scope"],
    ["no scope", { scope: undefined }, "invalid_request"],
    ["no login_hint", { login_hint: undefined }, "invalid_request"],
    ["a login_hint that is no document", { login_hint: "12345678A" }, "invalid_request"],
    ["id_token_hint", { id_token_hint: "a.b.c" }, "invalid_request"],
    ["login_hint_token", { login_hint_token: "a.b.c" }, "invalid_request"],
    ["user_code", { user_code: "1234" }, "invalid_request"],
    ["requested_expiry 0", { requested_expiry: "0" }, "invalid_request"],
    ["requested_expiry -5", { requested_expiry: "-5" }, "invalid_request"],
    [
      "a level the app cannot prove",
      { acr_values: "http://eidas.europa.eu/LoA/high" },
      "invalid_request",
    ],
  ])("refuses %s", async (_, extra, error) => {
    const h = harness();
    const rp = await agency(h);
    const { citizen } = await citizenWithApp(h);
    const params = Object.fromEntries(
      Object.entries({ ...request(citizen), ...extra }).filter(
        (e): e is [string, string] => e[1] !== undefined,
      ),
    );
    expect((await oauthError(await rp.start(params))).error).toBe(error);
  });

  it("accepts a 64-character binding message in NFC", async () => {
    const h = harness();
    const rp = await agency(h);
    const { citizen, device } = await citizenWithApp(h);
    const decomposed = `Cita en Logroño ${"·".repeat(48)}`.normalize("NFD");
    await started(await rp.start(request(citizen, { binding_message: decomposed })));
    const approval = await inboxApproval(device);
    expect(approval.bindingMessage).toBe(decomposed.normalize("NFC"));
    expect([...(approval.bindingMessage ?? "")]).toHaveLength(64);
  });

  it("refuses a client that may not use the app, and one without credentials", async () => {
    const h = harness();
    const pinOnly = await agency(h, { allowedMethods: ["pin"] });
    const citizen = await h.registerCitizen();
    expect((await oauthError(await pinOnly.start(request(citizen)))).error).toBe(
      "unauthorized_client",
    );
    const anonymous = await h.call(
      "POST",
      "/backchannel-authentication",
      new URLSearchParams({ ...request(citizen), client_id: pinOnly.client.id }).toString(),
      FORM,
    );
    expect((await oauthError(anonymous, 401)).error).toBe("invalid_client");
    const wrongSecret = await pinOnly.start(request(citizen), {
      authorization: `Basic ${btoa(`${pinOnly.client.id}:nope`)}`,
    });
    expect(wrongSecret.headers.get("www-authenticate")).toMatch(/^Basic /);
    expect((await oauthError(wrongSecret, 401)).error).toBe("invalid_client");
  });

  it("answers bad input with an OAuth 4xx, never a 5xx", async () => {
    const h = harness();
    const rp = await agency(h);
    const { citizen } = await citizenWithApp(h);
    const odd = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.string({ unit: "binary", maxLength: 80 }),
      fc.constantFrom("\u0000", "１２３４５６７８Ｚ", "😀".repeat(40), "' OR 1=1 --", "%ZZ"),
    );
    const names = fc.constantFrom(
      "scope",
      "login_hint",
      "binding_message",
      "acr_values",
      "requested_expiry",
      "claims",
      "request",
      "auth_req_id",
    );
    await fc.assert(
      fc.asyncProperty(fc.dictionary(names, odd, { maxKeys: 4 }), async (overrides) => {
        const response = await rp.start({ ...request(citizen), ...overrides });
        expect(response.status, await response.clone().text()).toBeLessThan(500);
        if (response.status !== 200) {
          const body = (await response.json()) as OAuthBody;
          expect(body.error).toMatch(/^[a-z_]+$/);
        }
        const polled = await rp.token({
          grant_type: CIBA,
          auth_req_id: overrides.auth_req_id ?? "",
        });
        expect(polled.status).toBe(400);
      }),
      { numRuns: 40 },
    );
    const notForm = await h.call("POST", "/backchannel-authentication", "{}", {
      "content-type": "application/json",
      authorization: rp.basic,
    });
    expect((await oauthError(notForm)).error).toBe("invalid_request");
    const twice = await h.call("POST", "/backchannel-authentication", "scope=openid&scope=openid", {
      ...FORM,
      authorization: rp.basic,
    });
    expect((await oauthError(twice)).error).toBe("invalid_request");
  });
});
