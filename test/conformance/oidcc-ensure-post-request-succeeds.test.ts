/**
 * oidcc-ensure-post-request-succeeds — the authorization request sent by POST as a form
 * (OIDC Core 3.1.2.1: "MUST support the use of the HTTP GET and POST methods") succeeds like
 * the GET one; a POST body that is not a form is refused on an error page, since its
 * redirect URI cannot be read.
 */
import { describe, expect, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, finishLogin, loginIdOf, relyingParty } from "../worker/relying-party.ts";
import { expectCodeResponse, expectErrorPage, redirectParams, tokensOf } from "./support.ts";

describe("oidcc-ensure-post-request-succeeds", () => {
  it("accepts the authorization request as a POSTed form", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const browser = new Browser(h);
    const auth = await rp.authorization();
    const first = await browser.request(
      "POST",
      "/authorize",
      new URLSearchParams(auth.params).toString(),
    );
    const done = await finishLogin(h, browser, loginIdOf(first) ?? "", citizen);
    const code = expectCodeResponse(redirectParams(done), {
      state: auth.state,
      issuer: h.config.issuer,
    });
    const claims = await rp.verifyIdToken((await tokensOf(await rp.redeem(code, auth))).id_token);
    expect(claims.nonce).toBe(auth.nonce);
  });

  it("shows an error page for a body that is not a form", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const auth = await rp.authorization();
    const response = await new Browser(h).request(
      "POST",
      "/authorize",
      JSON.stringify(auth.params),
      {
        "content-type": "application/json",
      },
    );
    await expectErrorPage(response, "invalid_request");
  });
});
