/**
 * The token endpoint (RFC 6749 3.2, OIDC Core 3.1.3): `authorization_code` with PKCE,
 * `refresh_token` with rotation, and the CIBA grant (backchannel-token.ts). Every answer is JSON with `cache-control: no-store`; every
 * failure an OAuth error code, never a 5xx for bad input.
 *
 * Redemption and rotation happen inside the grant's LoginObject (oidc/authorization-grant.ts),
 * which is what makes a code single-use under races and a refresh-token replay revoke the
 * family. Tokens are minted only after the object has recorded the redemption.
 */
import { type Context, Hono } from "hono";
import { auditAfterResponse, requester } from "../api/request-context.ts";
import type { AppDeps } from "../app.ts";
import { sha256 } from "../crypto/digest.ts";
import type { Client } from "../storage/client-store.ts";
import type { GrantContext, GrantRefusal } from "./authorization-grant.ts";
import { backchannelGrant, CIBA_GRANT_TYPE } from "./backchannel-token.ts";
import { CODE_VERIFIER } from "./checks/pkce.ts";
import { requireStanding } from "./citizen-standing.ts";
import { clientEndpoint } from "./client-endpoint.ts";
import { newGrantToken, readGrantToken } from "./grant-tokens.ts";
import { type OAuthError, oauth } from "./oauth-error.ts";
import { grantTokens, mintTokens, type TokenResponse } from "./tokens.ts";

/** The public description of why a grant was refused; details stay in the audit log. */
function grantError(reason: GrantRefusal | "login_not_found"): OAuthError {
  switch (reason) {
    case "code_expired":
      return oauth("invalid_grant", "The authorization code has expired");
    case "code_replayed":
      return oauth("invalid_grant", "The authorization code has already been used");
    case "redirect_uri_mismatch":
      return oauth("invalid_grant", "redirect_uri does not match the authorization request");
    case "pkce_mismatch":
      return oauth("invalid_grant", "code_verifier does not match the code_challenge");
    case "refresh_expired":
      return oauth("invalid_grant", "The refresh token has expired");
    case "scope_widened":
      return oauth("invalid_scope", "scope may only narrow the original grant");
    case "refresh_replayed":
    case "grant_revoked":
      return oauth("invalid_grant", "The grant has been revoked");
    case "client_mismatch":
    case "invalid_code":
    case "login_not_found":
    case "refresh_invalid":
    case "no_authorization":
    case "not_authenticated":
    case "code_already_issued":
    case "login_expired":
      return oauth("invalid_grant", "The grant is not valid");
  }
}

export function tokenRoutes(deps: AppDeps): Hono {
  const { logins, random, audit } = deps;
  const app = new Hono();

  /** A replay is an attack or a broken client: the grant is revoked, and the log says so. */
  const auditReplay = (
    c: Context,
    event: "oidc.code_replayed" | "oidc.refresh_replayed",
    client: Client,
    now: number,
  ) =>
    auditAfterResponse(c, audit, {
      ...requester(c, "anonymous"),
      event,
      at: now,
      citizenId: null,
      detail: { clientId: client.id },
    });

  async function authorizationCode(c: Context, client: Client, form: URLSearchParams, now: number) {
    const code = form.get("code");
    const redirectUri = form.get("redirect_uri");
    const verifier = form.get("code_verifier");
    if (!code) throw oauth("invalid_request", "code is missing");
    if (!redirectUri) throw oauth("invalid_request", "redirect_uri is missing");
    if (!verifier) throw oauth("invalid_request", "code_verifier is missing (PKCE)");
    if (!CODE_VERIFIER.test(verifier)) {
      throw oauth("invalid_request", "code_verifier must be 43–128 unreserved characters");
    }
    const token = await readGrantToken(code);
    const stub = token ? logins.byHandle(token.handle) : null;
    if (!token || !stub) throw grantError("invalid_code");
    const offline = client.scopes.includes("offline_access");
    const refresh = offline ? await newGrantToken(token.handle, random) : null;
    const redeemed = await stub.redeemCode({
      codeHash: token.hash,
      clientId: client.id,
      redirectUri,
      challenge: await sha256(verifier), // PKCE S256
      now,
      refresh: refresh ? { hash: refresh.hash, ttlMs: client.refreshTokenTtl * 1000 } : null,
    });
    if (!redeemed.ok) {
      if (redeemed.reason === "code_replayed") auditReplay(c, "oidc.code_replayed", client, now);
      throw grantError(redeemed.reason);
    }
    await requireStanding(deps, token.handle, redeemed.context.authentication);
    return grantTokens(deps, {
      client,
      context: redeemed.context,
      handle: token.handle,
      refresh,
      withNonce: true,
      now,
    });
  }

  async function refreshToken(c: Context, client: Client, form: URLSearchParams, now: number) {
    const presented = form.get("refresh_token");
    if (!presented) throw oauth("invalid_request", "refresh_token is missing");
    const token = await readGrantToken(presented);
    const stub = token ? logins.byHandle(token.handle) : null;
    if (!token || !stub) throw grantError("refresh_invalid");
    const next = await newGrantToken(token.handle, random);
    const asked = form.get("scope")?.split(" ").filter(Boolean) ?? null;
    const rotated = await stub.rotateRefresh({
      tokenHash: token.hash,
      clientId: client.id,
      newHash: next.hash,
      now,
      scope: asked,
    });
    if (!rotated.ok) {
      if (rotated.reason === "refresh_replayed")
        auditReplay(c, "oidc.refresh_replayed", client, now);
      throw grantError(rotated.reason);
    }
    await requireStanding(deps, token.handle, rotated.context.authentication);
    const granted = rotated.context.authorization.scope;
    return {
      context: rotated.context,
      response: await mintTokens(deps, {
        client,
        context: rotated.context,
        handle: token.handle,
        scope: asked ?? granted,
        refreshToken: next.value,
        withNonce: false,
        now,
      }),
    };
  }

  app.post(
    "/token",
    clientEndpoint(deps, "/token", async (c, client, form, now) => {
      const grantType = form.get("grant_type");
      let result: { response: TokenResponse; context: GrantContext };
      if (grantType === "authorization_code")
        result = await authorizationCode(c, client, form, now);
      else if (grantType === "refresh_token") result = await refreshToken(c, client, form, now);
      else if (grantType === CIBA_GRANT_TYPE)
        result = await backchannelGrant(deps, c, client, form, now);
      else if (!grantType) throw oauth("invalid_request", "grant_type is missing");
      else throw oauth("unsupported_grant_type", `grant_type ${grantType} is not supported`);
      auditAfterResponse(c, audit, {
        ...requester(c, "citizen"),
        event: "oidc.tokens_issued",
        at: now,
        citizenId: result.context.authentication.citizenId,
        detail: { clientId: client.id, grantType },
      });
      return result.response;
    }),
  );

  return app;
}
