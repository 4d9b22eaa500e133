/**
 * Discovery (OIDC Discovery 1.0, RFC 8414) and the JWKS. The metadata advertises exactly what
 * is implemented: a certified client library configures itself from it, so a value listed
 * here and not honoured is a bug, and so is a feature missing from it.
 */
import { Hono } from "hono";
import type { AppDeps } from "../app.ts";
import { acrUri } from "../assurance/levels.ts";
import { SIGNING_ALGS } from "../keys/signing-keys.ts";
import { SCOPES } from "../storage/client-store.ts";
import { BACKCHANNEL_PATH } from "./backchannel-authentication.ts";
import { CIBA_GRANT_TYPE } from "./backchannel-token.ts";
import { SUPPORTED_CLAIMS } from "./claims.ts";

/** Metadata and keys change only with a deployment or a key rotation: cache, briefly. */
const CACHE = "public, max-age=300, stale-while-revalidate=60";

export const CLIENT_AUTH_METHODS = ["client_secret_basic", "client_secret_post", "private_key_jwt"];

export function metadata(issuer: string) {
  return {
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    userinfo_endpoint: `${issuer}/userinfo`,
    jwks_uri: `${issuer}/jwks`,
    revocation_endpoint: `${issuer}/token/revoke`,
    introspection_endpoint: `${issuer}/token/introspect`,
    end_session_endpoint: `${issuer}/logout`,
    backchannel_authentication_endpoint: `${issuer}${BACKCHANNEL_PATH}`,
    scopes_supported: [...SCOPES],
    response_types_supported: ["code"],
    response_modes_supported: ["query", "web_message"],
    grant_types_supported: ["authorization_code", "refresh_token", CIBA_GRANT_TYPE],
    subject_types_supported: ["pairwise", "public"],
    id_token_signing_alg_values_supported: [...SIGNING_ALGS],
    request_object_signing_alg_values_supported: ["ES256", "RS256", "PS256"],
    token_endpoint_auth_methods_supported: CLIENT_AUTH_METHODS,
    token_endpoint_auth_signing_alg_values_supported: ["ES256", "RS256", "PS256"],
    revocation_endpoint_auth_methods_supported: CLIENT_AUTH_METHODS,
    introspection_endpoint_auth_methods_supported: CLIENT_AUTH_METHODS,
    code_challenge_methods_supported: ["S256"],
    acr_values_supported: (["low", "substantial", "high"] as const).map(acrUri),
    claims_supported: SUPPORTED_CLAIMS,
    claims_parameter_supported: true,
    request_parameter_supported: true,
    request_uri_parameter_supported: false,
    require_request_uri_registration: false,
    prompt_values_supported: ["none", "login", "consent"],
    claim_types_supported: ["normal"],
    authorization_response_iss_parameter_supported: true,
    backchannel_logout_supported: true,
    backchannel_logout_session_supported: true,
    frontchannel_logout_supported: false,
    // CIBA Core 4: poll mode only, no user codes, no signed authentication requests.
    backchannel_token_delivery_modes_supported: ["poll"],
    backchannel_user_code_parameter_supported: false,
  };
}

export function discoveryRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  const document = JSON.stringify(metadata(deps.config.issuer));

  app.get("/.well-known/openid-configuration", (c) =>
    c.body(document, 200, {
      "content-type": "application/json",
      "cache-control": CACHE,
      "access-control-allow-origin": "*",
    }),
  );
  // RFC 8414 clients ask here; the document is the same.
  app.get("/.well-known/oauth-authorization-server", (c) =>
    c.body(document, 200, { "content-type": "application/json", "cache-control": CACHE }),
  );

  let jwks: string | undefined;
  app.get("/jwks", async (c) => {
    jwks ??= JSON.stringify(await deps.keys.publicJwks());
    return c.body(jwks, 200, {
      "content-type": "application/jwk-set+json",
      "cache-control": CACHE,
      "access-control-allow-origin": "*",
    });
  });
  return app;
}
