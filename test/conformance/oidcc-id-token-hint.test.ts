/**
 * oidcc-id-token-hint — a second request with `prompt=none` and the first ID token as
 * `id_token_hint` succeeds for the citizen it names (OIDC Core 3.1.2.1). When the hint names
 * someone other than the session's citizen, or was not issued by this provider, the provider
 * SHOULD answer with an error such as `login_required` rather than a code for someone else
 * (OIDC Core 3.1.2.1, id_token_hint). A hint that does not verify, or was issued to another
 * client, is `invalid_request` — at the redirect URI, with `state` and `iss`.
 */
import { base64url, decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, relyingParty } from "../worker/relying-party.ts";
import {
  expectCodeResponse,
  expectErrorResponse,
  redirectParams,
  signIn,
  tokensOf,
} from "./support.ts";

describe("oidcc-id-token-hint", () => {
  it("answers prompt=none with the previous ID token as hint", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const browser = new Browser(h);
    const first = await signIn(h, rp, browser, citizen);

    const auth = await rp.authorization({ prompt: "none", id_token_hint: first.tokens.id_token });
    const response = await browser.request("GET", rp.authorizePath(auth.params));
    const code = expectCodeResponse(redirectParams(response), {
      state: auth.state,
      issuer: h.config.issuer,
    });
    const claims = await rp.verifyIdToken((await tokensOf(await rp.redeem(code, auth))).id_token);
    expect(claims.sub).toBe(first.claims.sub);
  });

  it("does not answer for another citizen than the hint names", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const hinted = await signIn(h, rp, new Browser(h), await h.registerCitizen());
    const other = new Browser(h);
    await signIn(h, rp, other, await h.registerCitizen());

    const auth = await rp.authorization({ prompt: "none", id_token_hint: hinted.tokens.id_token });
    const response = await other.request("GET", rp.authorizePath(auth.params));
    expectErrorResponse(redirectParams(response), {
      error: "login_required",
      state: auth.state,
      issuer: h.config.issuer,
    });
  });

  it("refuses a hint that does not verify or was issued to another client", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const other = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const browser = new Browser(h);
    const mine = await signIn(h, rp, browser, citizen);
    const theirs = await signIn(h, other, browser, null);
    const [header, , signature] = mine.tokens.id_token.split(".");
    const payload = base64url.encode(JSON.stringify({ ...decodeJwt(mine.tokens.id_token), x: 1 }));

    for (const hint of [`${header}.${payload}.${signature}`, theirs.tokens.id_token, "not-a-jwt"]) {
      const auth = await rp.authorization({ prompt: "none", id_token_hint: hint });
      const response = await browser.request("GET", rp.authorizePath(auth.params));
      expectErrorResponse(redirectParams(response), {
        error: "invalid_request",
        state: auth.state,
        issuer: h.config.issuer,
      });
    }
  });
});
