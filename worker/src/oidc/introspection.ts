/**
 * Token introspection (RFC 7662) for clients: `active: true` with the token's claims only for
 * a live token issued to the asking client; anything else — expired, revoked, malformed,
 * another client's, or a token whose citizen was suspended or whose registration no longer
 * allows its level (citizen-standing.ts) — is `{ "active": false }`, with nothing to tell
 * them apart.
 */
import { Hono } from "hono";
import type { AppDeps } from "../app.ts";
import { acrUri } from "../assurance/levels.ts";
import type { GrantContext } from "./authorization-grant.ts";
import { standing } from "./citizen-standing.ts";
import { clientEndpoint } from "./client-endpoint.ts";
import { readGrantToken } from "./grant-tokens.ts";
import { oauth } from "./oauth-error.ts";
import { liveAccessToken } from "./own-tokens.ts";
import { subjectFor } from "./subject.ts";

const INACTIVE = { active: false };

export function introspectionRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  /** A suspended citizen's token, or one above a lowered registration, is not active. */
  const stands = async ({ authentication: a }: GrantContext) =>
    (await standing(deps, a.citizenId, a.acr)).ok;
  app.post(
    "/token/introspect",
    clientEndpoint(deps, "/token/introspect", async (_c, client, form, now) => {
      const token = form.get("token");
      if (!token) throw oauth("invalid_request", "token is missing");
      const hint = form.get("token_type_hint");

      if (hint !== "refresh_token") {
        const live = await liveAccessToken(deps, token, now);
        if (live) {
          if (live.payload.client_id !== client.id) return INACTIVE;
          if (!(await stands(live.grant))) return INACTIVE;
          return { active: true, token_type: "Bearer", ...live.payload };
        }
      }
      const refresh = await readGrantToken(token);
      const grant = refresh
        ? await deps.logins.byHandle(refresh.handle)?.refreshGrant(refresh.hash, now)
        : null;
      if (!grant || grant.authorization.clientId !== client.id) return INACTIVE;
      if (!(await stands(grant))) return INACTIVE;
      return {
        active: true,
        token_type: "refresh_token",
        client_id: client.id,
        scope: grant.authorization.scope.join(" "),
        sub: await subjectFor(client, grant.authentication.citizenId, deps.config.subjectSalt),
        iss: deps.config.issuer,
        auth_time: grant.authentication.authTime,
        acr: acrUri(grant.authentication.acr),
      };
    }),
  );
  return app;
}
