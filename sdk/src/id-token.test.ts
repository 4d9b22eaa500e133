/**
 * Every ID-token rule SECURITY.md names, each a named test, through `handleCallback` against
 * the fake provider: `alg: none`, algorithm confusion, wrong `iss`/`aud`/`azp`/`nonce`/`at_hash`,
 * expiry and future `iat` with the clock skew, `max_age`, `acr`, and the JWKS rotation.
 */
import { base64url as b64, decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { CLIENT_ID } from "../test/fake-op.ts";
import { failure, relyingParty } from "../test/relying-party.ts";

const rp = relyingParty();

describe("handleCallback: ID-token verification", () => {
  it("rejects alg: none", async () => {
    const { url, expected } = await rp.login();
    const unsigned = async () => {
      const payload = { ...rp.op.claims(expected.nonce) };
      const enc = (v: unknown) => b64.encode(JSON.stringify(v));
      return `${enc({ alg: "none", typ: "JWT" })}.${enc(payload)}.`;
    };
    rp.op.answerTokens(async () =>
      Response.json({ ...(await rp.op.tokens({})), id_token: await unsigned() }),
    );
    expect((await failure(rp.client.handleCallback(url, expected))).code).toBe("id_token_invalid");
  });

  it("rejects HS256 signed with the public key (algorithm confusion)", async () => {
    const { url, expected } = await rp.login({}, {});
    rp.op.answerTokens(async () => {
      const tokens = await rp.op.tokens({ nonce: expected.nonce });
      const [h, p] = tokens.id_token.split(".");
      const header = b64.encode(JSON.stringify({ alg: "HS256", kid: "k1" }));
      return Response.json({ ...tokens, id_token: `${header}.${p}.${h}` });
    });
    expect((await failure(rp.client.handleCallback(url, expected))).code).toBe("id_token_invalid");
  });

  it.each([
    ["wrong iss", { iss: "https://evil.test" }, /claim iss/],
    ["wrong aud", { aud: "other-client" }, /claim aud/],
    ["wrong azp", { azp: "other-client" }, /azp/],
    ["several audiences without azp", { aud: [CLIENT_ID, "other"], azp: undefined }, /azp/],
    ["at_hash of another token", { at_hash: "AAAAAAAAAAAAAAAAAAAAAA" }, /at_hash/],
  ])("rejects an ID token with %s", async (_name, overrides, message) => {
    const { url, expected } = await rp.login(overrides);
    const error = await failure(rp.client.handleCallback(url, expected));
    expect(error.code).toBe("id_token_invalid");
    expect(error.message).toMatch(message);
  });

  it("rejects an expired ID token, beyond the clock skew", async () => {
    const iat = Math.floor(rp.op.now() / 1000) - 400;
    const { url, expected } = await rp.login({ iat, exp: iat + 300, auth_time: iat });
    const error = await failure(rp.client.handleCallback(url, expected));
    expect(error).toMatchObject({
      code: "id_token_invalid",
      message: "ID token has expired (exp)",
    });
  });

  it("tolerates an ID token expired within the clock skew", async () => {
    const iat = Math.floor(rp.op.now() / 1000) - 310;
    const { url, expected } = await rp.login({ iat, exp: iat + 300, auth_time: iat });
    await expect(rp.client.handleCallback(url, expected)).resolves.toBeTruthy();
  });

  it("rejects an ID token issued in the future (iat beyond the skew)", async () => {
    const iat = Math.floor(rp.op.now() / 1000) + 120;
    const { url, expected } = await rp.login({ iat, exp: iat + 300 });
    const error = await failure(rp.client.handleCallback(url, expected));
    expect(error).toMatchObject({
      code: "id_token_invalid",
      message: expect.stringMatching(/iat/),
    });
  });

  it("honours a configured clock skew", async () => {
    rp.reconfigure({
      clockSkew: 0,
    });
    const iat = Math.floor(rp.op.now() / 1000) - 301;
    const { url, expected } = await rp.login({ iat, exp: iat + 300, auth_time: iat });
    expect((await failure(rp.client.handleCallback(url, expected))).code).toBe("id_token_invalid");
  });

  it("rejects a wrong or missing nonce (nonce_mismatch)", async () => {
    for (const nonce of ["another-nonce", undefined]) {
      const { url, expected } = await rp.login({ nonce });
      expect((await failure(rp.client.handleCallback(url, expected))).code).toBe("nonce_mismatch");
    }
  });

  it("rejects an acr lower than the one asked for (acr_not_met)", async () => {
    const { url, expected } = await rp.login(
      { acr: "http://eidas.europa.eu/LoA/low" },
      { acr: "substantial" },
    );
    expect((await failure(rp.client.handleCallback(url, expected))).code).toBe("acr_not_met");
  });

  it("accepts an acr at or above the one asked for, and rejects an unknown one", async () => {
    const high = await rp.login({ acr: "http://eidas.europa.eu/LoA/high" }, { acr: "substantial" });
    await expect(rp.client.handleCallback(high.url, high.expected)).resolves.toBeTruthy();
    const odd = await rp.login({ acr: "urn:something:else" }, { acr: "low" });
    expect((await failure(rp.client.handleCallback(odd.url, odd.expected))).code).toBe(
      "acr_not_met",
    );
  });

  it("rejects an auth_time older than max_age", async () => {
    const iat = Math.floor(rp.op.now() / 1000);
    const { url, expected } = await rp.login({ auth_time: iat - 700 }, { maxAge: 600 });
    const error = await failure(rp.client.handleCallback(url, expected));
    expect(error).toMatchObject({
      code: "id_token_invalid",
      message: expect.stringMatching(/max_age/),
    });
  });

  it("rejects a token signed by a key the provider never published", async () => {
    const { url, expected } = await rp.login();
    const stranger = await rp.op.stranger();
    rp.op.answerTokens(async () => {
      const tokens = await rp.op.tokens({ nonce: expected.nonce });
      const idToken = await rp.op.sign(decodeJwt(tokens.id_token), { kid: "k1" }, stranger);
      return Response.json({ ...tokens, id_token: idToken });
    });
    const error = await failure(rp.client.handleCallback(url, expected));
    expect(error).toMatchObject({
      code: "id_token_invalid",
      message: expect.stringMatching(/signature/),
    });
  });

  it("fetches the JWKS again once for an unknown kid after a rotation", async () => {
    const first = await rp.login();
    await rp.client.handleCallback(first.url, first.expected);
    expect(rp.op.counts.jwks).toBe(1);

    rp.op.advance(60);
    await rp.op.rotate();
    const second = await rp.login();
    await expect(rp.client.handleCallback(second.url, second.expected)).resolves.toBeTruthy();
    expect(rp.op.counts.jwks).toBe(2);
  });

  it("does not refetch the JWKS for an unknown kid right after fetching it", async () => {
    const first = await rp.login();
    await rp.client.handleCallback(first.url, first.expected);
    const stranger = await rp.op.stranger();
    const second = await rp.login();
    rp.op.answerTokens(async () => {
      const tokens = await rp.op.tokens({ nonce: second.expected.nonce });
      const idToken = await rp.op.sign(decodeJwt(tokens.id_token), {}, stranger);
      return Response.json({ ...tokens, id_token: idToken });
    });
    const error = await failure(rp.client.handleCallback(second.url, second.expected));
    expect(error).toMatchObject({
      code: "id_token_invalid",
      message: expect.stringMatching(/unknown key/),
    });
    expect(rp.op.counts.jwks).toBe(1);
  });
});
