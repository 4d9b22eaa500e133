/**
 * Suspending a citizen reaches sessions and tokens at once (BRIEF.md "Suspension … reach
 * sessions and tokens at once"; admin/citizen-routes.ts): every single sign-on session ends,
 * every grant is revoked — refresh, introspection and userinfo refuse its tokens from the
 * answer on — a PIN sent before the suspension logs nobody in, the operator and the reason
 * are in the audit log, and the citizen is told on every contact. Reinstating lets the citizen
 * log in again and brings back none of what the suspension ended.
 */
import { describe, expect, it } from "vitest";
import {
  claimsOf,
  expectErrorResponse,
  expectInvalidToken,
  expectTokenError,
  type RelyingParty,
  redirectParams,
  type SignedIn,
  sessionAlive,
  signIn,
  signInAgain,
  tokensOf,
  userinfo,
} from "../conformance/support.ts";
import { harness, type ProblemBody } from "./harness.ts";
import { activateDevice, answer } from "./mobile-support.ts";
import { Browser, loginIdOf, relyingParty } from "./relying-party.ts";
import { introspect, standingAction } from "./standing-support.ts";

const OFFLINE = { scope: "openid profile offline_access" };
const CIBA = "urn:openid:params:grant-type:ciba";

const refresh = (rp: RelyingParty, signedIn: SignedIn) =>
  rp.token({ grant_type: "refresh_token", refresh_token: signedIn.tokens.refresh_token ?? "" });

/** Every way an agency can use what `signedIn` holds is refused. */
async function expectStopped(h: ReturnType<typeof harness>, rp: RelyingParty, signedIn: SignedIn) {
  await expectInvalidToken(await userinfo(h, signedIn.tokens.access_token));
  expect(await introspect(h, rp, signedIn.tokens.access_token)).toEqual({ active: false });
  expect(await introspect(h, rp, signedIn.tokens.refresh_token ?? "", "refresh_token")).toEqual({
    active: false,
  });
  await expectTokenError(await refresh(rp, signedIn), { status: 400, error: "invalid_grant" });
}

describe("suspending a citizen", () => {
  const h = harness();

  it("ends every session and stops every grant at once, audited and notified", async () => {
    const [rp, other] = [await relyingParty(h), await relyingParty(h)];
    const citizen = await h.registerCitizen({ email: "suspendida@example.es" });
    const browser = new Browser(h);
    const first = await signIn(h, rp, browser, citizen, OFFLINE);
    const bySso = await signIn(h, other, browser, null, OFFLINE);
    const phone = new Browser(h);
    const elsewhere = await signIn(h, rp, phone, citizen, OFFLINE);

    const response = await standingAction(h, citizen, "suspend");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      id: citizen.id,
      status: "suspended",
      sessionsEnded: 2,
      grantsRevoked: 3,
    });

    await expectStopped(h, rp, first);
    await expectStopped(h, other, bySso);
    await expectStopped(h, rp, elsewhere);
    expect(await sessionAlive(rp, browser)).toBe(false);
    expect(await sessionAlive(rp, phone)).toBe(false);

    const [event] = (await h.deps.audit.list({ citizenId: citizen.id })).filter(
      (e) => e.event === "citizen.suspended",
    );
    expect(event).toMatchObject({
      actor: "operator",
      detail: { operator: "op.garcia", reason: "Suplantación denunciada" },
    });
    for (const to of [citizen.mobile ?? "", "suspendida@example.es"]) {
      const kinds = (await h.outbox.list({ to, limit: 100 })).map((m) => m.kind);
      expect(kinds, to).toContain("citizen_suspended");
    }
  });

  it("lets no PIN sent before the suspension log the citizen in", async () => {
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const browser = new Browser(h);
    const auth = await rp.authorization();
    const handedOver = await browser.request("GET", rp.authorizePath(auth.params));
    const loginId = loginIdOf(handedOver) ?? "";
    // In the browser that started the login, as the login app asks.
    const json = { "content-type": "application/json" };
    const got = await browser.request(
      "POST",
      `/api/logins/${loginId}/pin`,
      JSON.stringify(h.pinRequest(citizen)),
      json,
    );
    expect(got.status).toBe(202);
    const pin = await h.latestPin(citizen.mobile ?? "");

    expect((await standingAction(h, citizen, "suspend")).status).toBe(200);

    const verified = await browser.request(
      "POST",
      `/api/logins/${loginId}/pin/verify`,
      JSON.stringify({ pin }),
      json,
    );
    expect(verified.status).toBe(200);
    const done = await browser.request("POST", `/login/${loginId}/continue`, "");
    expectErrorResponse(redirectParams(done), {
      error: "access_denied",
      state: auth.state,
      issuer: h.config.issuer,
    });
    expect(await sessionAlive(rp, browser)).toBe(false);
  });

  it("is undone by reinstating, which brings back nothing the suspension ended", async () => {
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const browser = new Browser(h);
    const before = await signIn(h, rp, browser, citizen, OFFLINE);
    expect((await standingAction(h, citizen, "suspend")).status).toBe(200);

    const response = await standingAction(h, citizen, "reinstate", {
      operator: "op.lopez",
      reason: "Identidad comprobada en oficina",
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: citizen.id, status: "active" });
    await expectStopped(h, rp, before);
    expect(await sessionAlive(rp, browser)).toBe(false);

    const after = await signInAgain(h, rp, browser, citizen, OFFLINE);
    await claimsOf(await userinfo(h, after.tokens.access_token));
    expect(await introspect(h, rp, after.tokens.access_token)).toMatchObject({ active: true });
    expect(await sessionAlive(rp, browser)).toBe(true);
    const kinds = (await h.outbox.list({ to: citizen.mobile ?? "", limit: 100 })).map(
      (m) => m.kind,
    );
    expect(kinds).toContain("citizen_reinstated");
    const [event] = (await h.deps.audit.list({ citizenId: citizen.id })).filter(
      (e) => e.event === "citizen.reinstated",
    );
    expect(event?.detail).toEqual({
      operator: "op.lopez",
      reason: "Identidad comprobada en oficina",
    });
  });

  it("revokes backchannel (CIBA) grants and withdraws the app's pending approvals", async () => {
    const rp = await relyingParty(h, { allowedMethods: ["pin", "mobile"] });
    const citizen = await h.registerCitizen();
    const device = await activateDevice(h, citizen);
    const start = () =>
      h.call(
        "POST",
        "/backchannel-authentication",
        new URLSearchParams({
          scope: "openid profile offline_access",
          login_hint: citizen.documentNumber,
          binding_message: "Llamada 4821",
        }).toString(),
        { "content-type": "application/x-www-form-urlencoded", authorization: rp.basic },
      );
    const first = (await (await start()).json()) as { auth_req_id: string; match_number: number };
    const inbox = await device.json<{ items: { approval: { id: string } }[] }>(
      "GET",
      "/api/app/inbox",
    );
    const approval = inbox.body.items[0]?.approval.id ?? "";
    await answer(device, approval, { decision: "approve", number: first.match_number });
    h.clock.advance(5_000);
    const tokens = await tokensOf(
      await rp.token({ grant_type: CIBA, auth_req_id: first.auth_req_id }),
    );
    const ciba = { tokens } as SignedIn;
    await claimsOf(await userinfo(h, tokens.access_token));
    h.clock.advance(5_000);
    expect((await start()).status).toBe(200);
    expect(await h.deps.apps.inbox(citizen.id, h.clock.now())).toHaveLength(1);

    const response = await standingAction(h, citizen, "suspend");
    expect(await response.json()).toMatchObject({ sessionsEnded: 0, grantsRevoked: 1 });
    await expectStopped(h, rp, ciba);
    expect(await h.deps.apps.inbox(citizen.id, h.clock.now())).toEqual([]);
  });

  it("answers problems for unknown citizens, wrong states and missing reasons", async () => {
    const citizen = await h.registerCitizen();
    const code = async (response: Response) => ((await response.json()) as ProblemBody).code;

    const unknown = await standingAction(h, { id: "cit_nobody" }, "suspend");
    expect([unknown.status, await code(unknown)]).toEqual([404, "citizen_not_found"]);
    const notSuspended = await standingAction(h, citizen, "reinstate");
    expect([notSuspended.status, await code(notSuspended)]).toEqual([409, "citizen_not_suspended"]);
    const noReason = await standingAction(h, citizen, "suspend", { operator: "op", reason: " " });
    expect(noReason.status).toBe(400);
    expect(noReason.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const anonymous = await h.call("POST", `/admin/citizens/${citizen.id}/suspend`, {
      operator: "op",
      reason: "r",
    });
    expect(anonymous.status).toBe(401);

    expect((await standingAction(h, citizen, "suspend")).status).toBe(200);
    const again = await standingAction(h, citizen, "suspend");
    expect([again.status, await code(again)]).toEqual([409, "citizen_not_active"]);
    expect((await h.deps.accounts.findById(citizen.id))?.status).toBe("suspended");
  });
});
