/**
 * private_key_jwt (RFC 7523, OIDC Core 9) at every endpoint that authenticates clients — the
 * token endpoint, introspection, revocation and CIBA's backchannel authentication — through the
 * real app: one `aud` rule everywhere (issuer, token endpoint or the endpoint itself), each
 * assertion accepted once for as long as the clock tolerance could still let it through, and a
 * lifetime bound that Authlib's default (3,600 s) fits and whose refusal says what to change.
 */
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { cryptoRandom, randomToken } from "../../worker/src/crypto/random.ts";
import { harness as baseHarness, type Harness } from "./harness.ts";
import { REDIRECT_URI, relyingParty } from "./relying-party.ts";

const FORM = { "content-type": "application/x-www-form-urlencoded" };
const JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/**
 * Each endpoint with a body that passes once the client is authenticated, and what that
 * answer is: the endpoint's own verdict, never `invalid_client`.
 */
const ENDPOINTS = {
  "/token": {
    form: {
      grant_type: "authorization_code",
      code: "no-such-code",
      redirect_uri: REDIRECT_URI,
      code_verifier: "v".repeat(43),
    },
    status: 400,
    error: "invalid_grant",
  },
  "/token/introspect": { form: { token: "no-such-token" }, status: 200, error: undefined },
  "/token/revoke": { form: { token: "no-such-token" }, status: 200, error: undefined },
  "/backchannel-authentication": { form: {}, status: 400, error: "invalid_request" },
} as const;
type Endpoint = keyof typeof ENDPOINTS;

/** An agency whose client authenticates with private_key_jwt, and a way to sign for it. */
async function keyedAgency(h: Harness) {
  const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid: "agencia-1", alg: "ES256", use: "sig" };
  const rp = await relyingParty(h, {
    authMethod: "private_key_jwt",
    secretHash: null,
    jwks: { keys: [jwk] },
    allowedMethods: ["pin", "mobile"],
  });
  const id = rp.client.id;

  /** An assertion as a client library signs it; `lifetime` seconds from the harness's now. */
  const assertion = (aud: string, claims: { lifetime?: number; jti?: string } = {}) => {
    const now = Math.floor(h.clock.now() / 1000);
    return new SignJWT({ jti: claims.jti ?? randomToken(cryptoRandom) })
      .setProtectedHeader({ alg: "ES256", kid: "agencia-1" })
      .setIssuer(id)
      .setSubject(id)
      .setAudience(aud)
      .setIssuedAt(now)
      .setExpirationTime(now + (claims.lifetime ?? 60))
      .sign(privateKey);
  };

  const call = (endpoint: Endpoint, signed: string) =>
    h.call(
      "POST",
      endpoint,
      new URLSearchParams({
        ...ENDPOINTS[endpoint].form,
        client_id: id,
        client_assertion_type: JWT_BEARER,
        client_assertion: signed,
      }).toString(),
      FORM,
    );
  return { id, assertion, call };
}

/** The endpoint answered as it does for an authenticated client. */
async function expectAuthenticated(endpoint: Endpoint, response: Response) {
  const text = await response.text();
  const expected = ENDPOINTS[endpoint];
  expect(response.status, `${endpoint}: ${text}`).toBe(expected.status);
  if (expected.error) expect(JSON.parse(text).error, text).toBe(expected.error);
}

/** 401 invalid_client, with the description a developer needs; returns it. */
async function expectRefused(response: Response): Promise<string> {
  const text = await response.text();
  expect(response.status, text).toBe(401);
  const body = JSON.parse(text) as { error: string; error_description: string };
  expect(body.error).toBe("invalid_client");
  return body.error_description;
}

describe("private_key_jwt: the assertion's audience", () => {
  const h = baseHarness();
  const issuer = h.config.issuer;

  for (const endpoint of Object.keys(ENDPOINTS) as Endpoint[]) {
    it(`${endpoint} accepts the issuer, the token endpoint and its own URL as aud`, async () => {
      const agency = await keyedAgency(h);
      for (const aud of [issuer, `${issuer}/token`, `${issuer}${endpoint}`]) {
        await expectAuthenticated(
          endpoint,
          await agency.call(endpoint, await agency.assertion(aud)),
        );
      }
    });

    it(`${endpoint} refuses another audience and names the ones it accepts`, async () => {
      const agency = await keyedAgency(h);
      for (const aud of [`${issuer}/userinfo`, "https://other-idp.example", `${issuer}/`]) {
        const description = await expectRefused(
          await agency.call(endpoint, await agency.assertion(aud)),
        );
        expect(description).toContain(`${issuer}/token`);
      }
    });
  }
});

describe("private_key_jwt: replay", () => {
  it("an assertion replayed after exp, within the clock tolerance, is refused", async () => {
    const h = baseHarness();
    const agency = await keyedAgency(h);
    const signed = await agency.assertion(`${h.config.issuer}/token`, { lifetime: 60 });
    await expectAuthenticated("/token/introspect", await agency.call("/token/introspect", signed));
    h.clock.advance(70_000); // exp + 10 s: the tolerance still lets the signature through
    expect(await expectRefused(await agency.call("/token/introspect", signed))).toMatch(
      /already been used/,
    );
    h.clock.advance(21_000); // exp + 31 s: now it has expired, whatever was remembered
    expect(await expectRefused(await agency.call("/token/introspect", signed))).toMatch(/expired/);
  });

  it("one assertion is accepted once across endpoints", async () => {
    const h = baseHarness();
    const agency = await keyedAgency(h);
    const signed = await agency.assertion(`${h.config.issuer}/token`);
    await expectAuthenticated("/token/revoke", await agency.call("/token/revoke", signed));
    expect(await expectRefused(await agency.call("/token/introspect", signed))).toMatch(
      /already been used/,
    );
  });
});

describe("private_key_jwt: lifetime", () => {
  it("accepts Authlib's default of 3,600 s, with a client clock a little ahead", async () => {
    const h = baseHarness();
    const agency = await keyedAgency(h);
    const aud = `${h.config.issuer}/token`;
    await expectAuthenticated(
      "/token",
      await agency.call("/token", await agency.assertion(aud, { lifetime: 3600 })),
    );
    await expectAuthenticated(
      "/token",
      await agency.call("/token", await agency.assertion(aud, { lifetime: 3620 })),
    );
  });

  it("refuses a longer one and says what to change", async () => {
    const h = baseHarness();
    const agency = await keyedAgency(h);
    const signed = await agency.assertion(`${h.config.issuer}/token`, { lifetime: 3700 });
    const description = await expectRefused(await agency.call("/token", signed));
    expect(description).toMatch(/at most 3600 s/);
    expect(description).toContain("CLIENT_ASSERTION_MAX_LIFETIME_SECONDS");
  });

  it("follows CLIENT_ASSERTION_MAX_LIFETIME_SECONDS", async () => {
    const h = baseHarness({ config: (c) => ({ ...c, clientAssertionMaxLifetimeS: 300 }) });
    const agency = await keyedAgency(h);
    const aud = `${h.config.issuer}/token`;
    await expectAuthenticated(
      "/token",
      await agency.call("/token", await agency.assertion(aud, { lifetime: 300 })),
    );
    const description = await expectRefused(
      await agency.call("/token", await agency.assertion(aud, { lifetime: 600 })),
    );
    expect(description).toMatch(/at most 300 s/);
  });
});
