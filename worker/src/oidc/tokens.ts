/**
 * Minting the tokens of a grant: the ID token (OIDC Core 2, 3.1.3.6) and the access token, a
 * JWT per RFC 9068 (`typ: at+jwt`) that agency APIs can verify against our JWKS. Both are
 * signed with the client's algorithm (ES256 unless it chose RS256). The access token's `jti`
 * carries the grant's handle, so userinfo and introspection can see a revoked grant.
 */
import type { AppDeps } from "../app.ts";
import { acrUri } from "../assurance/levels.ts";
import { base64url } from "../crypto/random.ts";
import type { Client } from "../storage/client-store.ts";
import type { GrantContext } from "./authorization-grant.ts";
import { identityClaims, idTokenNeedsCitizen } from "./claims.ts";
import { accessTokenId } from "./grant-tokens.ts";
import { subjectFor } from "./subject.ts";

export type TokenResponse = {
  access_token: string;
  token_type: "Bearer";
  expires_in: number;
  id_token: string;
  scope: string;
  refresh_token?: string;
};

/** `at_hash`: the left half of the SHA-256 of the access token (ES256 and RS256 both hash with SHA-256). */
async function atHash(accessToken: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(accessToken));
  return base64url(new Uint8Array(digest).slice(0, 16));
}

export async function mintTokens(
  deps: Pick<AppDeps, "config" | "keys" | "accounts" | "random">,
  input: {
    client: Client;
    context: GrantContext;
    handle: string;
    /** Scope of this access token: the grant's, or a narrower one asked for on refresh. */
    scope: readonly string[];
    refreshToken: string | null;
    /** The nonce goes into the ID token of the code exchange only (OIDC Core 12.2). */
    withNonce: boolean;
    now: number;
  },
): Promise<TokenResponse> {
  const { config, keys } = deps;
  const { client, context, now } = input;
  const { authorization, authentication, sid } = context;
  const iat = Math.floor(now / 1000);
  const sub = await subjectFor(client, authentication.citizenId, config.subjectSalt);
  const common = {
    iss: config.issuer,
    sub,
    iat,
    auth_time: authentication.authTime,
    acr: acrUri(authentication.acr),
    amr: authentication.amr,
  };

  const accessToken = await keys.sign(
    {
      ...common,
      aud: client.id,
      client_id: client.id,
      exp: iat + client.accessTokenTtl,
      jti: accessTokenId(input.handle, deps.random),
      scope: input.scope.join(" "),
    },
    { alg: client.idTokenAlg, typ: "at+jwt" },
  );

  const citizen = idTokenNeedsCitizen(authorization.claims)
    ? await deps.accounts.findById(authentication.citizenId)
    : null;
  const idToken = await keys.sign(
    {
      ...(citizen
        ? identityClaims(citizen, authorization.scope, authorization.claims, "id_token")
        : {}),
      ...common,
      aud: client.id,
      azp: client.id,
      exp: iat + client.idTokenTtl,
      ...(sid !== null ? { sid } : {}),
      at_hash: await atHash(accessToken),
      ...(input.withNonce && authorization.nonce !== null ? { nonce: authorization.nonce } : {}),
    },
    { alg: client.idTokenAlg, typ: "JWT" },
  );

  return {
    access_token: accessToken,
    token_type: "Bearer",
    expires_in: client.accessTokenTtl,
    id_token: idToken,
    scope: input.scope.join(" "),
    ...(input.refreshToken ? { refresh_token: input.refreshToken } : {}),
  };
}

/**
 * The tokens of a grant just redeemed (an authorization code, a CIBA request): a refresh token
 * only when one was made for it and the grant asked for offline access.
 */
export async function grantTokens(
  deps: Pick<AppDeps, "config" | "keys" | "accounts" | "random">,
  input: {
    client: Client;
    context: GrantContext;
    handle: string;
    refresh: { value: string } | null;
    withNonce: boolean;
    now: number;
  },
): Promise<{ context: GrantContext; response: TokenResponse }> {
  const { context, refresh } = input;
  const withRefresh = refresh !== null && context.authorization.scope.includes("offline_access");
  return {
    context,
    response: await mintTokens(deps, {
      client: input.client,
      context,
      handle: input.handle,
      scope: context.authorization.scope,
      refreshToken: withRefresh ? refresh.value : null,
      withNonce: input.withNonce,
      now: input.now,
    }),
  };
}
