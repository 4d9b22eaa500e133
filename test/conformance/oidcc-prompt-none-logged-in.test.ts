/**
 * oidcc-prompt-none-logged-in — `prompt=none` with a live session (OIDC Core 3.1.2.1): the
 * provider answers at once with a code, no page shown, and the ID token describes the
 * original authentication (same `sub`, `auth_time`, `sid`).
 */
import { describe, expect, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, relyingParty } from "../worker/relying-party.ts";
import { expectCodeResponse, redirectParams, signIn, tokensOf } from "./support.ts";

describe("oidcc-prompt-none-logged-in", () => {
  it("answers with a code from the session", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const browser = new Browser(h);
    const first = await signIn(h, rp, browser, citizen);

    h.clock.advance(5_000);
    const auth = await rp.authorization({ prompt: "none" });
    const response = await browser.request("GET", rp.authorizePath(auth.params));
    const code = expectCodeResponse(redirectParams(response), {
      state: auth.state,
      issuer: h.config.issuer,
    });
    const claims = await rp.verifyIdToken((await tokensOf(await rp.redeem(code, auth))).id_token);
    expect(claims).toMatchObject({
      sub: first.claims.sub,
      auth_time: first.claims.auth_time,
      sid: first.claims.sid,
      nonce: auth.nonce,
    });
  });
});
