/**
 * `@llave/sdk` against the real worker (the production bundle in workerd, as `npm run dev`
 * runs it). The shared login flow (sdk/test/login-flow.ts: the callback refused with a wrong
 * `state` or `iss`, then handleCallback, userinfo, verifyAccessToken, introspection, refresh,
 * revoke, the logout URL) runs on Node with the source and on Deno with the built package,
 * both against this worker, with a browser-like citizen logging in with a PIN from the dev
 * outbox; then the logout and a silent request follow in that browser. The level-of-assurance
 * refusal and the admin API methods, problems included, run on Node.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CITIZENS } from "../../scripts/lib/seed.ts";
import * as sdk from "../../sdk/src/index.ts";
import {
  createAdminClient,
  createClient,
  type LlaveClient,
  LlaveError,
} from "../../sdk/src/index.ts";
import { expectLoginFlow } from "../../sdk/test/login-flow.expect.ts";
import { type LogIn, type LoginFlowSetup, loginFlow } from "../../sdk/test/login-flow.ts";
import { CitizenBrowser } from "./citizen-browser.ts";
import { buildSdk, loginFlowOnDeno } from "./deno.ts";
import { type RunningStack, runningStack } from "./running-stack.ts";

const REDIRECT_URI = "http://127.0.0.1:8788/callback";
const AFTER_LOGOUT = "http://127.0.0.1:8788/";
let stack: RunningStack;
let setup: LoginFlowSetup;
let llave: LlaveClient;

beforeAll(async () => {
  buildSdk();
  stack = await runningStack();
  const client = await stack.registerClient({
    name: "Sede del SDK",
    redirectUris: [REDIRECT_URI],
    postLogoutRedirectUris: [AFTER_LOGOUT],
    scopes: ["openid", "profile", "email", "document", "offline_access"],
  });
  setup = {
    client: { issuer: stack.issuer, clientId: client.id, clientSecret: client.secret },
    redirectUri: REDIRECT_URI,
    postLogoutRedirectUri: AFTER_LOGOUT,
  };
  llave = createClient(setup.client);
}, 180_000);

afterAll(async () => {
  await stack?.dispose();
});

/** Where the shared flow runs: in this process with the source, or in Deno with `dist/`. */
const runtimes = {
  Node: { run: (logIn: LogIn) => loginFlow(sdk, setup, logIn), userAgent: /^Node\.js\// },
  Deno: { run: (logIn: LogIn) => loginFlowOnDeno(setup, logIn), userAgent: /^Deno\// },
};

describe("@llave/sdk against the running worker", () => {
  it.each(Object.keys(runtimes) as (keyof typeof runtimes)[])(
    "on %s: logs in, then userinfo, access token, introspection, refresh, revoke, logout",
    async (name) => {
      const runtime = runtimes[name];
      const lucia = DEMO_CITIZENS[0];
      if (!lucia) throw new Error("no demo citizen");
      const jar = new CitizenBrowser();
      const report = await runtime.run(async (url) => (await jar.logIn(stack, url)).callback.href);
      expect(report.runtime).toMatch(runtime.userAgent);
      expectLoginFlow(report, {
        issuer: stack.issuer,
        clientId: llave.clientId,
        postLogoutRedirectUri: AFTER_LOGOUT,
        citizen: lucia,
      });

      const out = await jar.fetch(report.logoutUrl);
      expect(out.status).toBe(303);
      expect(out.headers.get("location")).toBe(`${AFTER_LOGOUT}?state=bye`);

      // No session left: a silent request comes back with login_required, as a typed error.
      const silent = await llave.createAuthorizationRequest({
        redirectUri: REDIRECT_URI,
        prompt: "none",
      });
      const none = await jar.fetch(silent.url.href);
      const error = await llave
        .handleCallback(none.headers.get("location") ?? "", silent.expected)
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "oauth_error", error: "login_required" });
    },
    60_000,
  );

  it("refuses a login below the level requested, as the provider does", async () => {
    const request = await llave.createAuthorizationRequest({
      redirectUri: REDIRECT_URI,
      acr: "substantial",
    });
    // An app PIN could reach substantial, so Llave hands over to the login
    // page; Javier (advanced) then logs in with an SMS PIN, which proves only low.
    // (A basic registration gets no PIN at all for such a service.)
    const javier = DEMO_CITIZENS[1];
    const callback = (await new CitizenBrowser().logIn(stack, request.url, javier)).callback.href;
    const error = await llave.handleCallback(callback, request.expected).catch((e) => e);
    expect(error).toBeInstanceOf(LlaveError);
    expect(error).toMatchObject({
      code: "oauth_error",
      error: "unmet_authentication_requirements",
    });
  }, 60_000);

  it("drives the admin API: create, get, list, update, disable, rotate, problems", async () => {
    const admin = createAdminClient({ baseUrl: stack.issuer, token: stack.adminToken });
    const created = await admin.createClient({
      id: "sdk-admin-test",
      name: "Sede de administración",
      redirectUris: ["https://sede.example/cb"],
      scopes: ["openid", "profile"],
    });
    expect(created.client).toMatchObject({ id: "sdk-admin-test", status: "active" });
    expect(created.clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);

    expect((await admin.getClient("sdk-admin-test")).name).toBe("Sede de administración");

    const ids: string[] = [];
    for await (const client of admin.allClients({ pageSize: 1 })) ids.push(client.id);
    expect(ids).toContain("sdk-admin-test");
    expect(ids).toEqual([...ids].sort());

    const updated = await admin.updateClient("sdk-admin-test", { minAcr: "substantial" });
    expect(updated.client.minAcr).toBe("substantial");
    expect((await admin.disableClient("sdk-admin-test")).status).toBe("disabled");
    expect((await admin.enableClient("sdk-admin-test")).status).toBe("active");

    const rotated = await admin.rotateSecret("sdk-admin-test", { graceSeconds: 60 });
    expect(rotated.clientSecret).not.toBe(created.clientSecret);
    expect(rotated.previousSecretExpiresAt).toBeGreaterThan(Date.now());

    const missing = await admin.getClient("no-such-client").catch((e: unknown) => e);
    expect(missing).toMatchObject({
      code: "problem",
      status: 404,
      problemCode: "client_not_found",
      type: "urn:llave:problem:client_not_found",
    });
    const taken = await admin
      .createClient({ id: "sdk-admin-test", name: "x", redirectUris: ["https://x.example/cb"] })
      .catch((e: unknown) => e);
    expect(taken).toMatchObject({ code: "problem", status: 409, problemCode: "client_exists" });

    const intruder = createAdminClient({ baseUrl: stack.issuer, token: "x".repeat(40) });
    const refused = await intruder.listClients().catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "problem", status: 401 });
  }, 60_000);
});
