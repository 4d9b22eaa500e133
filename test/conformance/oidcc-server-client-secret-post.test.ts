/**
 * oidcc-server-client-secret-post — the code flow with a client that authenticates with
 * `client_secret_post` (OIDC Core 9, RFC 6749 2.3.1): `client_id` and `client_secret` in the
 * form body. The client's registered method is the only one accepted: Basic from the same
 * client is `invalid_client` with the Basic challenge (RFC 6749 5.2), and so is a wrong secret.
 */
import { describe, expect, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, REDIRECT_URI, relyingParty } from "../worker/relying-party.ts";
import { expectCodeResponse, expectTokenError, tokensOf } from "./support.ts";

describe("oidcc-server-client-secret-post", () => {
  it("redeems the code with the credentials in the body, and only so", async () => {
    const h = harness();
    const rp = await relyingParty(h, { authMethod: "client_secret_post" });
    const citizen = await h.registerCitizen();
    const auth = await rp.authorization();
    const code = expectCodeResponse(await rp.authorize(new Browser(h), auth, citizen), {
      state: auth.state,
      issuer: h.config.issuer,
    });
    const form = {
      grant_type: "authorization_code",
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: auth.pkce.verifier,
      client_id: rp.client.id,
    };

    const basic = await rp.token(form);
    expect(basic.headers.get("www-authenticate")).toBe('Basic realm="llave"');
    await expectTokenError(basic, { status: 401, error: "invalid_client" });
    await expectTokenError(await rp.token({ ...form, client_secret: `${rp.secret}x` }, {}), {
      status: 401,
      error: "invalid_client",
    });

    const tokens = await tokensOf(await rp.token({ ...form, client_secret: rp.secret }, {}));
    expect((await rp.verifyIdToken(tokens.id_token)).nonce).toBe(auth.nonce);
  });
});
