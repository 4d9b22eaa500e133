/**
 * oidcc-redirect-uri-query-OK — a registered redirect URI with a query (`…/cb?x=1`) used
 * exactly: the flow succeeds and the authorization response keeps the registered query and
 * adds `code`, `state` and `iss` to it (RFC 6749 3.1.2 "MUST retain the query component",
 * RFC 9207), and the code is bound to that redirect URI at the token endpoint.
 */
import { describe, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, finishLogin, loginIdOf, relyingParty } from "../worker/relying-party.ts";
import { expectCodeResponse, expectTokenError, redirectParams, tokensOf } from "./support.ts";

const REGISTERED = "https://sede.agencia.example/cb?x=1";

describe("oidcc-redirect-uri-query-OK", () => {
  it("keeps the registered query in the authorization response", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const browser = new Browser(h);
    const auth = await rp.authorization({ redirect_uri: REGISTERED });
    const first = await browser.request("GET", rp.authorizePath(auth.params));
    const done = await finishLogin(h, browser, loginIdOf(first) ?? "", citizen);
    const params = redirectParams(done, REGISTERED);
    const code = expectCodeResponse(params, { state: auth.state, issuer: h.config.issuer });

    await expectTokenError(
      await rp.redeem(code, auth, { redirect_uri: "https://sede.agencia.example/cb" }),
      {
        status: 400,
        error: "invalid_grant",
      },
    );
    await tokensOf(await rp.redeem(code, auth));
  });
});
