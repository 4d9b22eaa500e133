/**
 * The authorization response before the code is used (RFC 9207 `iss`, `state`, error answers),
 * and the code exchange's client authentication and errors.
 */
import { describe, expect, it } from "vitest";
import { callbackUrl, ISSUER, REDIRECT_URI, SECRET } from "../test/fake-op.ts";
import { failure, relyingParty } from "../test/relying-party.ts";
import type { ExpectedCallback } from "./authorization-request.ts";

const rp = relyingParty();

describe("handleCallback: the authorization response", () => {
  it("returns verified claims and tokens for a valid login", async () => {
    const { url, expected } = await rp.login();
    const { claims, tokens } = await rp.client.handleCallback(url, expected);
    expect(claims).toMatchObject({
      sub: "citizen-1",
      acr: "http://eidas.europa.eu/LoA/substantial",
    });
    expect(tokens.refreshToken).toBe("refresh-1");
    const sent = rp.sent("/token");
    expect(sent?.form).toEqual({
      grant_type: "authorization_code",
      code: "code-1",
      redirect_uri: REDIRECT_URI,
      code_verifier: expected.codeVerifier,
    });
  });

  it("sends client_secret_basic with the credentials form-urlencoded (RFC 6749 2.3.1)", async () => {
    const { url, expected } = await rp.login();
    await rp.client.handleCallback(url, expected);
    const header = rp.sent("/token")?.authorization;
    expect(atob(header?.replace(/^Basic /, "") ?? "")).toBe("sede:s3cr3t%2Bwith%3Aodd+chars%25");
  });

  it("rejects a response without iss (missing_iss)", async () => {
    const { request, expected } = await rp.login();
    const url = callbackUrl({ code: "c", state: request.state });
    expect((await failure(rp.client.handleCallback(url, expected))).code).toBe("missing_iss");
  });

  it("rejects a response from another issuer (iss_mismatch), error responses included", async () => {
    const { request, expected } = await rp.login();
    for (const params of [
      { code: "c", state: request.state, iss: "https://evil.test" },
      { error: "access_denied", state: request.state, iss: `${ISSUER}/` },
    ]) {
      const error = await failure(rp.client.handleCallback(callbackUrl(params), expected));
      expect(error.code).toBe("iss_mismatch");
    }
  });

  it("rejects a wrong or missing state (invalid_state)", async () => {
    const { expected } = await rp.login();
    for (const params of [
      { code: "c", iss: ISSUER },
      { code: "c", iss: ISSUER, state: "other" },
    ]) {
      const error = await failure(rp.client.handleCallback(callbackUrl(params), expected));
      expect(error.code).toBe("invalid_state");
    }
    const none = await failure(
      rp.client.handleCallback(callbackUrl({ code: "c", iss: ISSUER }), {} as ExpectedCallback),
    );
    expect(none.code).toBe("invalid_state");
  });

  it("turns an error response into oauth_error with error and error_description", async () => {
    const { request, expected } = await rp.login();
    const url = callbackUrl({
      error: "unmet_authentication_requirements",
      error_description: "The login did not reach the level required",
      state: request.state,
      iss: ISSUER,
    });
    const error = await failure(rp.client.handleCallback(new URL(url), expected));
    expect(error).toMatchObject({
      code: "oauth_error",
      error: "unmet_authentication_requirements",
      errorDescription: "The login did not reach the level required",
    });
    expect(rp.op.requests.some((r) => r.path === "/token")).toBe(false);
  });

  it("accepts the query as URLSearchParams or a string", async () => {
    const { request, expected } = await rp.login();
    const params = new URLSearchParams({ code: "c", state: request.state, iss: ISSUER });
    await expect(rp.client.handleCallback(params, expected)).resolves.toBeTruthy();
    const again = await rp.login();
    const query = `?code=c&state=${again.request.state}&iss=${encodeURIComponent(ISSUER)}`;
    await expect(rp.client.handleCallback(query, again.expected)).resolves.toBeTruthy();
  });

  it("turns a token endpoint error into oauth_error without leaking the secret", async () => {
    const { url, expected } = await rp.login();
    rp.op.answerTokens(async () =>
      Response.json({ error: "invalid_grant", error_description: "Code used" }, { status: 400 }),
    );
    const error = await failure(rp.client.handleCallback(url, expected));
    expect(error).toMatchObject({ code: "oauth_error", error: "invalid_grant", status: 400 });
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain(SECRET);
  });
});
