/**
 * An in-process OpenID provider for the SDK's unit tests, reached through the `fetch` hook:
 * discovery, a JWKS that can rotate, a token endpoint whose answer each test shapes (so it can
 * hand out forged ID tokens), userinfo, revocation, introspection and backchannel
 * authentication (their answers shaped too). Time is the test's: `op.now`.
 */
import {
  type CryptoKey,
  exportJWK,
  generateKeyPair,
  type JWK,
  type JWTPayload,
  SignJWT,
} from "jose";
import type { FetchLike } from "../src/http.ts";
import { tokenHash } from "../src/id-token.ts";

export const ISSUER = "https://op.test";
export const CLIENT_ID = "sede";
export const SECRET = "s3cr3t+with:odd chars%";
export const REDIRECT_URI = "https://sede.test/callback";

type Key = { kid: string; privateKey: CryptoKey; jwk: JWK };

async function newKey(kid: string): Promise<Key> {
  const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
  return {
    kid,
    privateKey,
    jwk: { ...(await exportJWK(publicKey)), kid, alg: "ES256", use: "sig" },
  };
}

export type FakeOp = Awaited<ReturnType<typeof fakeOp>>;

export async function fakeOp() {
  let clock = Date.UTC(2026, 10, 23, 2, 30);
  let key = await newKey("k1");
  let published: JWK[] = [key.jwk];
  const requests: { path: string; headers: Headers; form: URLSearchParams }[] = [];
  const counts = { discovery: 0, jwks: 0 };
  /** Access tokens handed out in token responses; userinfo accepts them. */
  const issuedAccess = new Set<string>(["good-access"]);
  let tokenAnswer: (form: URLSearchParams) => Promise<Response> = async () =>
    Response.json(await op.tokens({}));
  let backchannelAnswer: (form: URLSearchParams) => Promise<Response> = async () =>
    Response.json({ auth_req_id: "req-1", expires_in: 300, interval: 5, match_number: 47 });
  let introspectionAnswer: (form: URLSearchParams) => Promise<Response> = async (form) =>
    Response.json(
      form.get("token") === "good-access"
        ? {
            active: true,
            token_type: "Bearer",
            sub: "citizen-1",
            client_id: CLIENT_ID,
            scope: "openid profile",
            iat: Math.floor(clock / 1000),
            exp: Math.floor(clock / 1000) + 300,
            acr: "http://eidas.europa.eu/LoA/substantial",
          }
        : { active: false },
    );

  const metadata = {
    issuer: ISSUER,
    authorization_endpoint: `${ISSUER}/authorize`,
    token_endpoint: `${ISSUER}/token`,
    jwks_uri: `${ISSUER}/jwks`,
    userinfo_endpoint: `${ISSUER}/userinfo`,
    revocation_endpoint: `${ISSUER}/token/revoke`,
    introspection_endpoint: `${ISSUER}/token/introspect`,
    end_session_endpoint: `${ISSUER}/logout`,
    backchannel_authentication_endpoint: `${ISSUER}/backchannel-authentication`,
    authorization_response_iss_parameter_supported: true,
  };

  const fetch: FetchLike = async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const form = new URLSearchParams(request.method === "POST" ? await request.text() : "");
    requests.push({ path: url.pathname, headers: request.headers, form });
    switch (url.pathname) {
      case "/.well-known/openid-configuration":
        counts.discovery++;
        return Response.json(op.metadata);
      case "/jwks":
        counts.jwks++;
        return Response.json({ keys: published });
      case "/token":
        return tokenAnswer(form);
      case "/userinfo":
        return issuedAccess.has(request.headers.get("authorization")?.slice("Bearer ".length) ?? "")
          ? Response.json({ sub: "citizen-1", given_name: "Lucía" })
          : new Response(null, {
              status: 401,
              headers: {
                "www-authenticate": 'Bearer error="invalid_token", error_description="expired"',
              },
            });
      case "/token/revoke":
        return new Response(null, { status: 200 });
      case "/token/introspect":
        return introspectionAnswer(form);
      case "/backchannel-authentication":
        return backchannelAnswer(form);
      default:
        return new Response("not found", { status: 404 });
    }
  };

  const op = {
    fetch,
    requests,
    counts,
    metadata: metadata as Record<string, unknown>,
    now: () => clock,
    advance(seconds: number) {
      clock += seconds * 1000;
    },
    /** Claims of a valid ID token for `nonce`, at the current time. */
    claims(nonce?: string): JWTPayload {
      const iat = Math.floor(clock / 1000);
      return {
        iss: ISSUER,
        sub: "citizen-1",
        aud: CLIENT_ID,
        azp: CLIENT_ID,
        iat,
        exp: iat + 300,
        auth_time: iat - 5,
        acr: "http://eidas.europa.eu/LoA/substantial",
        amr: ["otp", "mca"],
        sid: "sid-1",
        ...(nonce === undefined ? {} : { nonce }),
      };
    },
    /** Signs a JWT with the current key (or `signer`), headers overridable. */
    async sign(payload: JWTPayload, header: Record<string, unknown> = {}, signer: Key = key) {
      return new SignJWT(payload)
        .setProtectedHeader({ alg: "ES256", kid: signer.kid, typ: "JWT", ...header })
        .sign(signer.privateKey);
    },
    /** A token response; `idToken` claims are merged over valid ones. */
    async tokens(overrides: JWTPayload, extra: Record<string, unknown> = {}) {
      const accessToken = await op.accessToken({});
      issuedAccess.add(accessToken);
      const idToken = await op.sign({
        ...op.claims(),
        at_hash: await tokenHash(accessToken, "ES256"),
        ...overrides,
      });
      return {
        access_token: accessToken,
        token_type: "Bearer",
        expires_in: 300,
        id_token: idToken,
        refresh_token: "refresh-1",
        scope: "openid profile",
        ...extra,
      };
    },
    async accessToken(overrides: JWTPayload) {
      const iat = Math.floor(clock / 1000);
      return op.sign(
        {
          iss: ISSUER,
          sub: "citizen-1",
          aud: CLIENT_ID,
          client_id: CLIENT_ID,
          scope: "openid profile",
          jti: `at-${iat}`,
          iat,
          exp: iat + 300,
          ...overrides,
        },
        { typ: "at+jwt" },
      );
    },
    /** The token endpoint's next answers. */
    answerTokens(answer: (form: URLSearchParams) => Promise<Response>) {
      tokenAnswer = answer;
    },
    /** The backchannel authentication endpoint's next answers. */
    answerBackchannel(answer: (form: URLSearchParams) => Promise<Response>) {
      backchannelAnswer = answer;
    },
    /** The introspection endpoint's next answers. */
    answerIntrospection(answer: (form: URLSearchParams) => Promise<Response>) {
      introspectionAnswer = answer;
    },
    /** Publishes a new signing key and drops the old one. */
    async rotate() {
      key = await newKey(`k${published.length + 1}-${clock}`);
      published = [key.jwk];
    },
    /** A key the provider never published. */
    stranger: () => newKey("stranger"),
  };
  return op;
}

/** A callback URL as Llave sends it. */
export function callbackUrl(params: Record<string, string>): string {
  return `${REDIRECT_URI}?${new URLSearchParams(params)}`;
}
