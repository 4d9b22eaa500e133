/**
 * oidcc-discovery-endpoint-verification — the provider configuration document (OIDC
 * Discovery 1.0 §3–4, RFC 8414 §2–3) and what it points at: the issuer is exactly the
 * configured one (https, no query or fragment; §4.3 "MUST be identical"), the required
 * metadata is present and consistent with what is implemented, every advertised endpoint
 * answers (never a 404 or a 5xx), and the JWKS publishes only public signing keys.
 * `code_challenge_methods_supported` is exactly ["S256"] (RFC 9700 2.1.1) and
 * `authorization_response_iss_parameter_supported` is true (RFC 9207 3).
 */
import { describe, expect, it } from "vitest";
import { harness } from "../worker/harness.ts";

type Metadata = Record<string, unknown> & { issuer: string };

const h = harness();

async function metadata(path = "/.well-known/openid-configuration"): Promise<Metadata> {
  const response = await h.call("GET", path);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  return (await response.json()) as Metadata;
}

const endpoint = (m: Metadata, name: string) => {
  const url = new URL(String(m[name]));
  expect(url.origin, name).toBe(new URL(h.config.issuer).origin);
  return `${url.pathname}${url.search}`;
};

describe("oidcc-discovery-endpoint-verification", () => {
  it("names this issuer, exactly", async () => {
    const m = await metadata();
    expect(m.issuer).toBe(h.config.issuer);
    const issuer = new URL(m.issuer);
    expect(issuer.protocol).toBe("https:");
    expect(issuer.search).toBe("");
    expect(issuer.hash).toBe("");
    expect(await metadata("/.well-known/oauth-authorization-server")).toEqual(m);
  });

  it("has the required metadata, consistent with the code flow only", async () => {
    const m = await metadata();
    for (const name of [
      "authorization_endpoint",
      "token_endpoint",
      "userinfo_endpoint",
      "jwks_uri",
      "end_session_endpoint",
      "revocation_endpoint",
      "introspection_endpoint",
      "backchannel_authentication_endpoint",
    ]) {
      expect(String(m[name]), name).toMatch(/^https:\/\//);
    }
    expect(m.response_types_supported).toEqual(["code"]);
    expect(m.response_modes_supported).toEqual(["query", "web_message"]);
    expect(m.grant_types_supported).toEqual([
      "authorization_code",
      "refresh_token",
      "urn:openid:params:grant-type:ciba",
    ]);
    // CIBA Core 4: poll mode only, without user codes.
    expect(m.backchannel_token_delivery_modes_supported).toEqual(["poll"]);
    expect(m.backchannel_user_code_parameter_supported).toBe(false);
    expect(m.subject_types_supported).toEqual(expect.arrayContaining(["pairwise"]));
    expect(m.id_token_signing_alg_values_supported).toEqual(expect.arrayContaining(["RS256"]));
    expect(m.id_token_signing_alg_values_supported).not.toContain("none");
    expect(m.scopes_supported).toEqual(expect.arrayContaining(["openid"]));
    expect(m.claims_supported).toEqual(expect.arrayContaining(["sub", "iss", "acr", "auth_time"]));
    expect(m.token_endpoint_auth_methods_supported).toEqual(
      expect.arrayContaining(["client_secret_basic", "client_secret_post", "private_key_jwt"]),
    );
    expect(m.token_endpoint_auth_signing_alg_values_supported).not.toContain("none");
    expect(m.request_object_signing_alg_values_supported).not.toContain("none");
    expect(m.request_uri_parameter_supported).toBe(false);
    expect(m.acr_values_supported).toEqual([
      "http://eidas.europa.eu/LoA/low",
      "http://eidas.europa.eu/LoA/substantial",
      "http://eidas.europa.eu/LoA/high",
    ]);
    expect(m.backchannel_logout_supported).toBe(true);
    expect(m.backchannel_logout_session_supported).toBe(true);
  });

  it("advertises PKCE with S256 only and the iss authorization response parameter", async () => {
    const m = await metadata();
    expect(m.code_challenge_methods_supported).toEqual(["S256"]);
    expect(m.authorization_response_iss_parameter_supported).toBe(true);
  });

  it("points at endpoints that answer, each in its own way", async () => {
    const m = await metadata();
    const form = { "content-type": "application/x-www-form-urlencoded" };

    const authorize = await h.call("GET", endpoint(m, "authorization_endpoint"));
    expect(authorize.status).toBe(400);
    expect(authorize.headers.get("content-type")).toMatch(/^text\/html/);

    for (const name of [
      "token_endpoint",
      "revocation_endpoint",
      "introspection_endpoint",
      "backchannel_authentication_endpoint",
    ]) {
      const response = await h.call("POST", endpoint(m, name), "token=x", form);
      expect(response.status, name).toBe(401);
      expect(((await response.json()) as { error: string }).error, name).toBe("invalid_client");
    }

    const info = await h.call("GET", endpoint(m, "userinfo_endpoint"));
    expect(info.status).toBe(401);
    expect(info.headers.get("www-authenticate")).toMatch(/^Bearer /);

    const logout = await h.call("GET", endpoint(m, "end_session_endpoint"));
    expect(logout.status).toBe(200);
    expect(logout.headers.get("content-type")).toMatch(/^text\/html/);

    const jwks = await h.call("GET", endpoint(m, "jwks_uri"));
    expect(jwks.status).toBe(200);
    expect(jwks.headers.get("content-type")).toMatch(/^application\/(jwk-set\+)?json/);
  });

  it("publishes public signing keys only, one for each advertised algorithm", async () => {
    const m = await metadata();
    const jwks = (await (await h.call("GET", endpoint(m, "jwks_uri"))).json()) as {
      keys: Record<string, unknown>[];
    };
    expect(jwks.keys.length).toBeGreaterThan(0);
    const kids = jwks.keys.map((k) => k.kid);
    expect(new Set(kids).size).toBe(kids.length);
    for (const key of jwks.keys) {
      expect(key.kid).toEqual(expect.any(String));
      expect(key.use).toBe("sig");
      for (const secret of ["d", "p", "q", "dp", "dq", "qi", "oth", "k"]) {
        expect(key, `${key.kid} publishes ${secret}`).not.toHaveProperty(secret);
      }
    }
    const algs = new Set(jwks.keys.map((k) => k.alg));
    for (const alg of m.id_token_signing_alg_values_supported as string[]) {
      expect(algs.has(alg), alg).toBe(true);
    }
  });
});
