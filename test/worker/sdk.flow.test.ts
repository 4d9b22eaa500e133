/**
 * `@llave/sdk` inside workerd against the worker itself: the shared login flow
 * (sdk/test/login-flow.ts) that also runs on Node and Deno in test/node/sdk-flow.test.ts, with
 * the SDK's `fetch` hook being the real app (real Durable Objects, real accounts database) and
 * its clock the harness's. The citizen logs in with an SMS PIN in a harness browser, which then
 * follows the SDK's logout URL.
 */
import { expect, it } from "vitest";
import * as sdk from "../../sdk/src/index.ts";
import { expectLoginFlow } from "../../sdk/test/login-flow.expect.ts";
import { loginFlow } from "../../sdk/test/login-flow.ts";
import { harness } from "./harness.ts";
import { Browser, finishLogin, loginIdOf, REDIRECT_URI, relyingParty } from "./relying-party.ts";

const AFTER_LOGOUT = "https://sede.agencia.example/";

it("runs @llave/sdk's login flow inside workerd against the worker", async () => {
  const h = harness();
  const rp = await relyingParty(h, { postLogoutRedirectUris: [AFTER_LOGOUT] });
  const citizen = await h.registerCitizen();
  const browser = new Browser(h);
  const setup = {
    client: {
      issuer: h.config.issuer,
      clientId: rp.client.id,
      clientSecret: rp.secret,
      fetch: h.fetch,
      now: h.clock.now,
    },
    redirectUri: REDIRECT_URI,
    postLogoutRedirectUri: AFTER_LOGOUT,
  };

  const report = await loginFlow(sdk, setup, async (url) => {
    expect(url.origin).toBe(h.config.issuer);
    const handedOver = await browser.request("GET", `${url.pathname}${url.search}`);
    const done = await finishLogin(h, browser, loginIdOf(handedOver) ?? "", citizen);
    expect(done.status).toBe(303);
    return done.headers.get("location") ?? "";
  });
  expect(report.runtime).toBe("Cloudflare-Workers");
  expectLoginFlow(report, {
    issuer: h.config.issuer,
    clientId: rp.client.id,
    postLogoutRedirectUri: AFTER_LOGOUT,
    citizen,
  });

  const logout = new URL(report.logoutUrl);
  const out = await browser.request("GET", `${logout.pathname}${logout.search}`);
  expect(out.status).toBe(303);
  expect(out.headers.get("location")).toBe(`${AFTER_LOGOUT}?state=bye`);
});
