/**
 * The userinfo endpoint (OIDC Core 5.3), GET and POST, with the access token as a bearer in
 * the Authorization header or, on POST, the `access_token` form parameter (RFC 6750 2.1, 2.2;
 * never both). It answers the claims the grant's scopes allow, for a live grant only: a
 * revoked grant (logout, suspension, code replay, revocation) stops its access tokens at once,
 * and so does a citizen no longer active or registered below the token's level
 * (citizen-standing.ts).
 */
import { type Context, Hono } from "hono";
import type { AppDeps } from "../app.ts";
import { standing } from "./citizen-standing.ts";
import { identityClaims } from "./claims.ts";
import { readForm } from "./form.ts";
import { NO_STORE, OAuthError, oauth } from "./oauth-error.ts";
import { liveAccessToken } from "./own-tokens.ts";

function bearerChallenge(error: OAuthError | null): Response {
  const params = error ? `, error="${error.error}", error_description="${error.description}"` : "";
  return new Response(error ? JSON.stringify(error.body()) : null, {
    status: error?.status ?? 401,
    headers: {
      "www-authenticate": `Bearer realm="llave"${params}`,
      ...(error ? { "content-type": "application/json" } : {}),
      ...NO_STORE,
    },
  });
}

async function presentedToken(c: Context): Promise<string | null> {
  const header = c.req.header("authorization");
  const fromForm =
    c.req.method === "POST" && c.req.header("content-type") ? await readForm(c) : null;
  const body = fromForm?.get("access_token") ?? null;
  if (header !== undefined && body !== null) {
    throw oauth("invalid_request", "Send the access token once");
  }
  if (body !== null) return body;
  if (header === undefined) return null;
  const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i.exec(header.trim());
  if (!match?.[1]) throw oauth("invalid_request", "The Authorization header is not a Bearer token");
  return match[1];
}

export function userinfoRoutes(deps: AppDeps): Hono {
  const { clock } = deps;
  const app = new Hono();

  app.on(["GET", "POST"], "/userinfo", async (c) => {
    try {
      const token = await presentedToken(c);
      if (token === null) return bearerChallenge(null);
      const live = await liveAccessToken(deps, token, clock.now());
      if (!live) throw oauth("invalid_token", "The access token is not valid");
      const scope = String(live.payload.scope ?? "").split(" ");
      if (!scope.includes("openid")) throw oauth("insufficient_scope", "The token lacks openid");
      const { citizenId, acr } = live.grant.authentication;
      const stands = await standing(deps, citizenId, acr);
      if (!stands.ok) throw oauth("invalid_token", "The access token is not valid");
      const { citizen } = stands;
      const granted = live.grant.authorization.scope.filter((s) => scope.includes(s));
      return new Response(
        JSON.stringify({
          sub: live.payload.sub,
          ...identityClaims(citizen, granted, live.grant.authorization.claims, "userinfo"),
        }),
        { headers: { "content-type": "application/json", ...NO_STORE } },
      );
    } catch (error) {
      if (error instanceof OAuthError) return bearerChallenge(error);
      throw error;
    }
  });

  return app;
}
