/**
 * Token revocation (RFC 7009). Revoking a refresh token or an access token revokes the whole
 * grant they came from (the code's tokens, the refresh family). The answer is 200 whether or
 * not the token was valid, so it cannot be used to probe tokens; another client's token is
 * left alone.
 */
import { Hono } from "hono";
import { auditAfterResponse, requester } from "../api/request-context.ts";
import type { AppDeps } from "../app.ts";
import { clientEndpoint } from "./client-endpoint.ts";
import { readGrantToken } from "./grant-tokens.ts";
import { oauth } from "./oauth-error.ts";
import { liveAccessToken } from "./own-tokens.ts";

export function revocationRoutes(deps: AppDeps): Hono {
  const { logins, audit } = deps;
  const app = new Hono();
  app.post(
    "/token/revoke",
    clientEndpoint(deps, "/token/revoke", async (c, client, form, now) => {
      const token = form.get("token");
      if (!token) throw oauth("invalid_request", "token is missing");
      let handle: string | null = null;
      let citizenId: string | null = null;
      const refresh = await readGrantToken(token);
      if (refresh) {
        const grant = await logins.byHandle(refresh.handle)?.refreshGrant(refresh.hash, now);
        if (grant?.authorization.clientId === client.id) {
          handle = refresh.handle;
          citizenId = grant.authentication.citizenId;
        }
      } else {
        const live = await liveAccessToken(deps, token, now);
        if (live?.payload.client_id === client.id) {
          handle = live.handle;
          citizenId = live.grant.authentication.citizenId;
        }
      }
      if (handle && (await logins.byHandle(handle)?.revoke())) {
        auditAfterResponse(c, audit, {
          ...requester(c, "citizen"),
          event: "oidc.revoked",
          at: now,
          citizenId,
          detail: { clientId: client.id },
        });
      }
      return null;
    }),
  );
  return app;
}
