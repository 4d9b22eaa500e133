/**
 * `createClient`: the relying party. Composes discovery, the key cache, client authentication
 * and the one-concern modules into the methods an agency backend calls.
 */

import type { AccessTokenClaims, AccessTokenOptions } from "./access-token.ts";
import { verifyAccessTokenWith } from "./access-token.ts";
import { acrLevel } from "./acr.ts";
import {
  type AuthorizationRequest,
  type AuthorizationRequestOptions,
  authorizationRequest,
  type ExpectedCallback,
} from "./authorization-request.ts";
import { authorizationCode, type CallbackInput } from "./authorization-response.ts";
import {
  type BackchannelOptions,
  type BackchannelRequest,
  type PollOptions,
  pollBackchannel,
  startBackchannel,
} from "./backchannel.ts";
import { clientAuth } from "./client-auth.ts";
import { cached, discover, type ProviderMetadata } from "./discovery.ts";
import { LlaveError } from "./errors.ts";
import { oauthJson } from "./http.ts";
import { type IdTokenClaims, type IdTokenExpectations, verifyIdToken } from "./id-token.ts";
import {
  type IntrospectionResult,
  type IntrospectOptions,
  introspectToken,
} from "./introspection.ts";
import { remoteKeySet } from "./jwks.ts";
import { endSessionUrl, type LogoutOptions } from "./logout.ts";
import { type ClientOptions, runtime } from "./options.ts";
import { postForm, type TokenSet, tokenRequest } from "./token.ts";
import { fetchUserinfo, type UserinfoClaims } from "./userinfo.ts";

/**
 * A completed login: the tokens and the verified ID-token claims.
 *
 * @example
 * ```ts
 * const { tokens, claims }: LoginResult = await client.handleCallback(url, expected);
 * ```
 */
export type LoginResult = {
  /** The tokens the code was redeemed for. */
  tokens: TokenSet;
  /** The verified ID token's claims. */
  claims: IdTokenClaims;
};

/**
 * A refresh: the new tokens, and the claims of the new ID token when one was issued.
 *
 * @example
 * ```ts
 * const { tokens, claims }: RefreshResult = await client.refresh(stored.refreshToken);
 * ```
 */
export type RefreshResult = {
  /** The new tokens; keep the new refresh token, the old one is spent. */
  tokens: TokenSet;
  /** The new ID token's verified claims (same `sub`), or `undefined` if none was issued. */
  claims: IdTokenClaims | undefined;
};

/**
 * The relying-party client returned by {@link createClient}.
 *
 * @example
 * ```ts
 * const client: LlaveClient = createClient({ issuer, clientId, clientSecret });
 * ```
 */
export type LlaveClient = {
  /** The client id. */
  readonly clientId: string;
  /** The issuer identifier. */
  readonly issuer: string;
  /**
   * The client's clock (the `now` option), in milliseconds; the Hono middleware stamps and
   * checks its cookies with it.
   * @example
   * ```ts
   * const expired = tokens.expiresAt !== undefined && tokens.expiresAt <= client.now();
   * ```
   */
  now(): number;
  /**
   * The provider metadata (cached).
   * @example
   * ```ts
   * const { end_session_endpoint } = await client.metadata();
   * ```
   */
  metadata(): Promise<ProviderMetadata>;
  /**
   * Starts a login: the URL to redirect to and the values to keep until the callback.
   * @example
   * ```ts
   * const request = await client.createAuthorizationRequest({
   *   redirectUri: "https://sede.example/callback",
   *   scope: "openid profile document",
   *   acr: "substantial",
   * });
   * session.llave = request.expected;
   * return Response.redirect(request.url, 302);
   * ```
   */
  createAuthorizationRequest(options: AuthorizationRequestOptions): Promise<AuthorizationRequest>;
  /**
   * Finishes a login: checks `iss`, `state` and errors, redeems the code with PKCE and
   * verifies the ID token (signature, `iss`, `aud`, `azp`, times, `nonce`, `at_hash`, `acr`).
   * @example
   * ```ts
   * const { claims, tokens } = await client.handleCallback(request.url, session.llave);
   * console.log(claims.sub, claims.acr);
   * ```
   */
  handleCallback(input: CallbackInput, expected: ExpectedCallback): Promise<LoginResult>;
  /**
   * Starts a backchannel login (OpenID CIBA, poll mode) for a citizen named by document
   * number, e.g. from a call centre: the request appears in the citizen's app with
   * `bindingMessage`. Read `matchNumber` out to the citizen, who must pick it in the app, then
   * call {@link LlaveClient.pollBackchannelToken}. Refusals are `oauth_error`s with the CIBA
   * codes: `unknown_user_id` (no such citizen, or no app), `invalid_binding_message`,
   * `unauthorized_client` (the client may not use the app), `access_denied` (the citizen's app
   * is paused by too many requests, or their registration cannot reach the level).
   * @example
   * ```ts
   * const request = await client.backchannelAuthenticate({
   *   loginHint: "12345678Z",
   *   bindingMessage: "Llamada 4821: cita previa",
   *   scope: "openid profile",
   *   acrValues: "substantial",
   * });
   * console.log(`Please pick ${request.matchNumber} in the Llave app`);
   * ```
   */
  backchannelAuthenticate(options: BackchannelOptions): Promise<BackchannelRequest>;
  /**
   * Polls for the tokens of a backchannel login until the citizen answers: every `interval`
   * seconds (five more after each `slow_down`), through `authorization_pending`. Resolves
   * with the tokens and the verified ID token (signature, `iss`, `aud`, `azp`, times,
   * `at_hash`, and `acr` when `options.acr` is given). Rejects with an `oauth_error`:
   * `access_denied` (the citizen declined, reported it, or picked another number) or
   * `expired_token` (no answer in time); with the signal's reason when `signal` aborts.
   * @example
   * ```ts
   * try {
   *   const { claims } = await client.pollBackchannelToken(request.authReqId, {
   *     interval: request.interval,
   *     acr: "substantial",
   *   });
   *   console.log(claims.sub, claims.acr, claims.amr);
   * } catch (error) {
   *   if (isLlaveError(error, "oauth_error") && error.error === "access_denied") hangUpPolitely();
   *   else throw error;
   * }
   * ```
   */
  pollBackchannelToken(authReqId: string, options?: PollOptions): Promise<LoginResult>;
  /**
   * The userinfo claims; `subject` (the ID token's `sub`) is checked when given.
   * @example
   * ```ts
   * const info = await client.userinfo(tokens.accessToken, { subject: claims.sub });
   * ```
   */
  userinfo(accessToken: string, options?: { subject?: string }): Promise<UserinfoClaims>;
  /**
   * Redeems a refresh token (it rotates: keep the new one). A narrower `scope` may be asked.
   * @example
   * ```ts
   * const { tokens } = await client.refresh(stored.refreshToken, { subject: stored.sub });
   * ```
   */
  refresh(
    refreshToken: string,
    options?: { scope?: string; subject?: string },
  ): Promise<RefreshResult>;
  /**
   * Revokes an access or refresh token (RFC 7009); a refresh token ends its whole family.
   * @example
   * ```ts
   * await client.revoke(tokens.refreshToken, { tokenTypeHint: "refresh_token" });
   * ```
   */
  revoke(
    token: string,
    options?: { tokenTypeHint?: "access_token" | "refresh_token" },
  ): Promise<void>;
  /**
   * Asks the provider whether a token is live (RFC 7662), with the client's authentication.
   * Only tokens issued to this client are reported active; a revoked grant makes all of its
   * tokens inactive.
   * @example
   * ```ts
   * const result = await client.introspect(tokens.accessToken, { tokenTypeHint: "access_token" });
   * if (!result.active) return reauthenticate();
   * console.log(result.sub, result.scope, result.exp);
   * ```
   */
  introspect(token: string, options?: IntrospectOptions): Promise<IntrospectionResult>;
  /**
   * The RP-initiated logout URL to redirect the browser to.
   * @example
   * ```ts
   * const url = await client.logoutUrl({ idTokenHint: tokens.idToken, postLogoutRedirectUri: "https://sede.example/" });
   * ```
   */
  logoutUrl(options?: LogoutOptions): Promise<URL>;
  /**
   * Verifies a Llave access token received by an agency API (RFC 9068, `typ: at+jwt`).
   * @example
   * ```ts
   * const token = request.headers.get("authorization")?.replace(/^Bearer /, "") ?? "";
   * const claims = await client.verifyAccessToken(token, { audience: "sede-electronica" });
   * ```
   */
  verifyAccessToken(token: string, options: AccessTokenOptions): Promise<AccessTokenClaims>;
};

/**
 * Creates a relying-party client. Discovery and the JWKS are fetched on first use and cached.
 *
 * @example
 * ```ts
 * import { createClient } from "@llave/sdk";
 *
 * const client = createClient({
 *   issuer: "https://llave.example",
 *   clientId: "sede-electronica",
 *   clientSecret: process.env.LLAVE_CLIENT_SECRET!,
 * });
 * ```
 */
export function createClient(options: ClientOptions): LlaveClient {
  const { issuer, clientId } = options;
  if (!issuer || !clientId) {
    throw new LlaveError("invalid_configuration", "createClient needs issuer and clientId");
  }
  const rt = runtime(options);
  const ttl = (options.cacheSeconds ?? 300) * 1000;
  const discovery = cached(() => discover(issuer, rt), ttl, rt.now);
  const keys = remoteKeySet(async () => (await discovery.get()).jwks_uri, rt, ttl);
  const auth = clientAuth(options, clientId, issuer, rt.now);

  const endpoint = async (name: keyof ProviderMetadata): Promise<string> => {
    const value = (await discovery.get())[name];
    if (typeof value !== "string") {
      throw new LlaveError("discovery_failed", `Discovery has no ${String(name)}`);
    }
    return value;
  };

  type Expected = Pick<IdTokenExpectations, "nonce" | "acr" | "maxAge" | "subject">;
  /** An ID token checked against this provider and client, and what the caller expects. */
  const claimsOf = (idToken: string, accessToken: string, expected: Expected) =>
    verifyIdToken(idToken, {
      issuer,
      clientId,
      keys,
      now: rt.now(),
      skew: rt.skew,
      accessToken,
      ...expected,
    });
  /** A grant's tokens, which must carry an ID token, with its verified claims. */
  const withClaims = async (tokens: TokenSet, expected: Expected) => {
    if (!tokens.idToken) throw new LlaveError("invalid_response", "Token endpoint: no id_token");
    return { tokens, claims: await claimsOf(tokens.idToken, tokens.accessToken, expected) };
  };

  return {
    clientId,
    issuer,
    now: () => rt.now(),
    metadata: () => discovery.get(),

    async createAuthorizationRequest(request) {
      return authorizationRequest(await discovery.get(), clientId, request);
    },

    async handleCallback(input, expected) {
      if (!expected?.state || !expected.nonce || !expected.codeVerifier) {
        throw new LlaveError("invalid_state", "No stored authorization request for this callback");
      }
      const acr = expected.acr === undefined ? undefined : acrLevel(expected.acr);
      if (acr === null) {
        throw new LlaveError("invalid_configuration", "expected.acr is not an eIDAS level");
      }
      const code = authorizationCode(input, issuer, expected.state);
      const tokens = await tokenRequest(rt, auth, await endpoint("token_endpoint"), {
        grant_type: "authorization_code",
        code,
        redirect_uri: expected.redirectUri,
        code_verifier: expected.codeVerifier,
      });
      return withClaims(tokens, { nonce: expected.nonce, acr, maxAge: expected.maxAge });
    },

    async backchannelAuthenticate(request) {
      const url = await endpoint("backchannel_authentication_endpoint");
      return startBackchannel(rt, auth, url, request);
    },

    async pollBackchannelToken(authReqId, opts = {}) {
      if (!authReqId) throw new LlaveError("invalid_configuration", "No auth_req_id to poll");
      const tokens = await pollBackchannel(rt, auth, await endpoint("token_endpoint"), authReqId, {
        ...(opts.signal === undefined ? {} : { signal: opts.signal }),
        ...(opts.interval === undefined ? {} : { interval: opts.interval }),
      });
      return withClaims(tokens, { acr: opts.acr });
    },

    async userinfo(accessToken, opts = {}) {
      return fetchUserinfo(rt, await endpoint("userinfo_endpoint"), accessToken, opts.subject);
    },

    async refresh(refreshToken, opts = {}) {
      const tokens = await tokenRequest(rt, auth, await endpoint("token_endpoint"), {
        grant_type: "refresh_token",
        refresh_token: refreshToken,
        ...(opts.scope === undefined ? {} : { scope: opts.scope }),
      });
      const claims =
        tokens.idToken === undefined
          ? undefined
          : await claimsOf(tokens.idToken, tokens.accessToken, { subject: opts.subject });
      return { tokens, claims };
    },

    async revoke(token, opts = {}) {
      const response = await postForm(rt, auth, await endpoint("revocation_endpoint"), {
        token,
        ...(opts.tokenTypeHint === undefined ? {} : { token_type_hint: opts.tokenTypeHint }),
      });
      if (!response.ok) await oauthJson(response, "Revocation endpoint");
    },

    async introspect(token, opts = {}) {
      return introspectToken(rt, auth, await endpoint("introspection_endpoint"), token, opts);
    },

    async logoutUrl(opts = {}) {
      return endSessionUrl(await discovery.get(), clientId, opts);
    },

    async verifyAccessToken(token, opts) {
      return verifyAccessTokenWith(token, keys, issuer, opts, rt.now(), rt.skew);
    },
  };
}
