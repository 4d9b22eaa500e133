/**
 * A relying party and a browser for worker tests, on top of the harness: registers a client
 * through the real ClientStore, builds authorization requests with PKCE, follows the login
 * handoff in a cookie-keeping "browser", logs the citizen in with the PIN API, and redeems
 * codes at /token with client_secret_basic. Conformance scenarios (test/conformance/) and the
 * OIDC worker tests use it; openid-client drives the same flow from Node in test/node/.
 */
import { createLocalJWKSet, type JWTPayload, jwtVerify } from "jose";
import { CookieJar } from "../../scripts/lib/cookie-jar.ts";
import { clientSecretHash, newClientSecret } from "../../worker/src/crypto/client-secret.ts";
import { sha256 } from "../../worker/src/crypto/digest.ts";
import { cryptoRandom, randomToken } from "../../worker/src/crypto/random.ts";
import type { Citizen } from "../../worker/src/storage/account-store.ts";
import type { Client, NewClient } from "../../worker/src/storage/client-store.ts";
import { sampleClient } from "../contracts/client-store.contract.ts";
import type { Harness } from "./harness.ts";

export const REDIRECT_URI = "https://sede.agencia.example/callback";

/** A browser on the harness's app: keeps its cookies, posts forms, follows no redirect. */
export class Browser {
  readonly cookies = new CookieJar();
  readonly #h: Harness;

  constructor(h: Harness) {
    this.#h = h;
  }

  async request(method: string, path: string, body?: string, headers: Record<string, string> = {}) {
    // Always its own cookie header, even empty: never the harness's browser.
    const response = await this.#h.call(method, path, body, {
      cookie: this.cookies.header,
      ...(body !== undefined ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      ...headers,
    });
    this.cookies.store(response.headers.getSetCookie());
    return response;
  }
}

export type Pkce = { verifier: string; challenge: string };

export async function pkce(): Promise<Pkce> {
  const verifier = randomToken(cryptoRandom, 256);
  return { verifier, challenge: await sha256(verifier) };
}

export type Authorization = {
  state: string;
  nonce: string;
  pkce: Pkce;
  params: Record<string, string>;
};

export async function relyingParty(h: Harness, overrides: Partial<NewClient> = {}) {
  const secret = newClientSecret(cryptoRandom);
  const client: Client = await h.deps.clients.create(
    sampleClient({
      id: `rp-${randomToken(cryptoRandom, 48)
        .toLowerCase()
        .replace(/[^a-z0-9]/g, "x")}`,
      secretHash: await clientSecretHash(secret),
      redirectUris: [REDIRECT_URI, "https://sede.agencia.example/cb?x=1"],
      scopes: ["openid", "profile", "email", "phone", "document", "offline_access"],
      ...overrides,
    }),
    { actor: "operator" },
  );
  const basic = `Basic ${btoa(`${encodeURIComponent(client.id)}:${encodeURIComponent(secret)}`)}`;

  /** A fresh authorization request's parameters (override or drop any with `undefined`). */
  async function authorization(
    extra: Record<string, string | undefined> = {},
  ): Promise<Authorization> {
    const state = randomToken(cryptoRandom);
    const nonce = randomToken(cryptoRandom);
    const p = await pkce();
    const params = Object.fromEntries(
      Object.entries({
        response_type: "code",
        client_id: client.id,
        redirect_uri: REDIRECT_URI,
        scope: "openid profile",
        state,
        nonce,
        code_challenge: p.challenge,
        code_challenge_method: "S256",
        ...extra,
      }).filter((e): e is [string, string] => e[1] !== undefined),
    );
    return { state, nonce, pkce: p, params };
  }

  const authorizePath = (params: Record<string, string>) =>
    `/authorize?${new URLSearchParams(params)}`;

  /** The query of the redirect to the client, or null if the answer is not one. */
  function redirectQuery(response: Response): URLSearchParams | null {
    const location = response.headers.get("location");
    if (!location?.startsWith("https://sede.agencia.example/")) return null;
    return new URL(location).searchParams;
  }

  /**
   * Runs /authorize in `browser`; if it hands over to the login page, logs `citizen` in with
   * an SMS PIN (or as `pinExtra` says) and continues. Returns the final redirect's query.
   * `mustLogIn` asserts the handover: the request may not be answered from the session.
   */
  async function authorize(
    browser: Browser,
    auth: Authorization,
    citizen: Citizen | null,
    pinExtra: Record<string, unknown> = {},
    options: { mustLogIn?: boolean } = {},
  ): Promise<URLSearchParams> {
    const first = await browser.request("GET", authorizePath(auth.params));
    const direct = redirectQuery(first);
    if (direct && !options.mustLogIn) return direct;
    const loginId = loginIdOf(first);
    if (!loginId)
      throw new Error(`authorize: no login page: ${first.status} ${first.headers.get("location")}`);
    if (!citizen) throw new Error("authorize needs a login but no citizen was given");
    const done = await finishLogin(h, browser, loginId, citizen, pinExtra);
    const query = redirectQuery(done);
    if (!query) throw new Error(`continue: ${done.status} ${await done.text()}`);
    return query;
  }

  /** POST /token with client_secret_basic (unless other headers are given). */
  const token = (
    form: Record<string, string>,
    headers: Record<string, string> = { authorization: basic },
  ) =>
    h.call("POST", "/token", new URLSearchParams(form).toString(), {
      "content-type": "application/x-www-form-urlencoded",
      ...headers,
    });

  const redeem = (code: string, auth: Authorization, extra: Record<string, string> = {}) =>
    token({
      grant_type: "authorization_code",
      code,
      redirect_uri: auth.params.redirect_uri ?? REDIRECT_URI,
      code_verifier: auth.pkce.verifier,
      ...extra,
    });

  /** Verifies an ID token against the provider's JWKS, as a relying party must. */
  async function verifyIdToken(idToken: string): Promise<JWTPayload> {
    const jwks = (await (await h.call("GET", "/jwks")).json()) as { keys: never[] };
    const { payload } = await jwtVerify(idToken, createLocalJWKSet({ keys: jwks.keys }), {
      issuer: h.config.issuer,
      audience: client.id,
      currentDate: new Date(h.clock.now()),
    });
    return payload;
  }

  return {
    client,
    secret,
    basic,
    authorization,
    authorizePath,
    authorize,
    redirectQuery,
    token,
    redeem,
    verifyIdToken,
  };
}

/** The login id when an answer hands over to the login page (`/login/{id}`), or null. */
export function loginIdOf(response: Response): string | null {
  const location = response.headers.get("location") ?? "";
  return /\/login\/([A-Za-z0-9_-]{22})$/.exec(location)?.[1] ?? null;
}

/**
 * Logs `citizen` in on the login page `loginId` with a PIN (by SMS unless `pinExtra` says
 * otherwise) and presses "Continuar" in `browser`: the answer of POST /login/{id}/continue,
 * for scenarios that need to see each step of a login /authorize handed over.
 */
export async function finishLogin(
  h: Harness,
  browser: Browser,
  loginId: string,
  citizen: Citizen,
  pinExtra: Record<string, unknown> = {},
): Promise<Response> {
  const json = { "content-type": "application/json" };
  const pinRequest = JSON.stringify(h.pinRequest(citizen, pinExtra));
  const got = await browser.request("POST", `/api/logins/${loginId}/pin`, pinRequest, json);
  if (got.status !== 202) throw new Error(`get PIN: ${got.status} ${await got.text()}`);
  const channel = (pinExtra.channel as string | undefined) ?? "sms";
  const pin = await h.latestPin(channel === "app" ? citizen.id : (citizen.mobile ?? ""));
  const personalCode = pinExtra.personalCode as string | undefined;
  const verify = JSON.stringify({ pin, ...(personalCode ? { personalCode } : {}) });
  const verified = await browser.request("POST", `/api/logins/${loginId}/pin/verify`, verify, json);
  if (verified.status !== 200) throw new Error(`verify: ${verified.status}`);
  return browser.request("POST", `/login/${loginId}/continue`, "");
}
