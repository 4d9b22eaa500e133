/**
 * The OpenID Connect endpoints an agency's back end calls (tag "OpenID Connect"): token, CIBA's
 * backchannel authentication, introspection, revocation (each with the client's
 * authentication) and userinfo (with an access token). Errors are OAuth's
 * `{ error, error_description }`, never problem documents (docs/oidc.md §5, §9).
 */
import type * as z from "zod";
import type { OAuthErrorCode } from "../../oidc/oauth-error.ts";
import {
  BackchannelRequest,
  BackchannelStarted,
  IntrospectionResponse,
  OAuthErrorBody,
  OIDC_DOC,
  OIDC_TAG as TAG,
  TokenFormRequest,
  TokenRequest,
  TokenResponse,
  UserInfo,
  UserInfoForm,
} from "./protocol-schemas.ts";
import { json, ref } from "./shared.ts";

const FORM = "application/x-www-form-urlencoded";
const str = { type: "string" };

const form = (schema: z.ZodType) => ({
  required: true,
  content: { [FORM]: { schema: ref(schema) } },
});

/** OAuth error answers, one per status, each listing the codes it may carry. */
function oauthErrors(codes: Partial<Record<OAuthErrorCode, number>>) {
  const byStatus = new Map<number, string[]>();
  for (const [code, status] of Object.entries(codes)) {
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => [
      String(status),
      {
        description: list.join(", "),
        content: { "application/json": { schema: ref(OAuthErrorBody) } },
      },
    ]),
  );
}

const NO_STORE_HEADER = {
  "Cache-Control": { description: "no-store", schema: { type: "string", const: "no-store" } },
};
const BASIC_CHALLENGE = {
  "WWW-Authenticate": {
    description: 'Basic realm="llave", when the client tried client_secret_basic',
    schema: { type: "string" },
  },
};

/** Every endpoint that authenticates the client answers a failure this way. */
const CLIENT_AUTH_FAILED = {
  "401": {
    description:
      "invalid_client: unknown or disabled client, another method than the registered one, a wrong secret or an assertion refused; error_description says which",
    headers: BASIC_CHALLENGE,
    content: { "application/json": { schema: ref(OAuthErrorBody) } },
  },
};
const TOO_LARGE = {
  "413": {
    description: "invalid_request: bodies are limited to 16 KiB",
    content: { "application/json": { schema: ref(OAuthErrorBody) } },
  },
};

/** client_secret_basic is a header; client_secret_post and private_key_jwt are form members. */
export const clientAuthSchemes = {
  clientSecretBasic: {
    type: "http",
    scheme: "basic",
    description:
      "client_secret_basic: client_id and secret, each form-urlencoded first (RFC 6749 2.3.1). client_secret_post and private_key_jwt send form members instead (client_secret, or client_assertion_type and client_assertion): see each form. Exactly one method, the one the client registered.",
  },
  accessToken: {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description: "An access token from /token (RFC 6750)",
  },
};
/** Client authentication: Basic in the header, or members of the form. */
const clientAuth = [{ clientSecretBasic: [] }, {}];

const userinfoResponses = {
  "200": { description: "The claims the granted scopes allow", content: json(UserInfo) },
  "401": {
    description:
      "invalid_token: missing, expired or revoked token, or its citizen is no longer active (WWW-Authenticate: Bearer)",
    headers: {
      "WWW-Authenticate": {
        description: 'Bearer realm="llave", error="invalid_token"',
        schema: str,
      },
    },
    content: { "application/json": { schema: ref(OAuthErrorBody) } },
  },
  ...oauthErrors({ invalid_request: 400 }),
};

export const backEndPaths = {
  "/token": {
    post: {
      operationId: "token",
      summary: "Token endpoint: redeem a code, refresh, or poll a CIBA request",
      description: `One form per grant_type (authorization_code, refresh_token, ${"urn:openid:params:grant-type:ciba"}), with the client's authentication. A code is redeemed once; a second redemption is invalid_grant and revokes what the first issued. ${OIDC_DOC} §5.`,
      tags: [TAG],
      security: clientAuth,
      requestBody: form(TokenRequest),
      responses: {
        "200": {
          description: "Tokens (Cache-Control: no-store)",
          headers: NO_STORE_HEADER,
          content: json(TokenResponse),
        },
        ...oauthErrors({
          invalid_request: 400,
          invalid_grant: 400,
          unsupported_grant_type: 400,
          unauthorized_client: 400,
          invalid_scope: 400,
          authorization_pending: 400,
          slow_down: 400,
          expired_token: 400,
          access_denied: 400,
        }),
        ...CLIENT_AUTH_FAILED,
        ...TOO_LARGE,
      },
    },
  },
  "/backchannel-authentication": {
    post: {
      operationId: "backchannelAuthentication",
      summary: "CIBA: start a login from the agency's back end (poll mode)",
      description: `The citizen approves in the citizen app, picking the match_number the operator reads out. The client must allow the mobile method. Then poll /token with the auth_req_id. ${OIDC_DOC} §9.`,
      tags: [TAG],
      security: clientAuth,
      requestBody: form(BackchannelRequest),
      responses: {
        "200": {
          description: "Started",
          headers: NO_STORE_HEADER,
          content: json(BackchannelStarted),
        },
        ...oauthErrors({
          invalid_request: 400,
          invalid_scope: 400,
          unknown_user_id: 400,
          invalid_binding_message: 400,
          access_denied: 403,
        }),
        ...CLIENT_AUTH_FAILED,
        ...TOO_LARGE,
      },
    },
  },
  "/token/introspect": {
    post: {
      operationId: "introspect",
      summary: "Introspection (RFC 7662): is this token live, and what does it say",
      description:
        "Only the asking client's own live tokens are active; anything else is { active: false }, indistinguishably.",
      tags: [TAG],
      security: clientAuth,
      requestBody: form(TokenFormRequest),
      responses: {
        "200": {
          description: "The token's state",
          headers: NO_STORE_HEADER,
          content: json(IntrospectionResponse),
        },
        ...oauthErrors({ invalid_request: 400 }),
        ...CLIENT_AUTH_FAILED,
        ...TOO_LARGE,
      },
    },
  },
  "/token/revoke": {
    post: {
      operationId: "revoke",
      summary: "Revocation (RFC 7009): end a token's grant",
      description:
        "Revokes the grant the token belongs to (its access and refresh tokens). Unknown tokens, and other clients' tokens, get the same 200.",
      tags: [TAG],
      security: clientAuth,
      requestBody: form(TokenFormRequest),
      responses: {
        "200": { description: "Revoked (or nothing to revoke); no body" },
        ...oauthErrors({ invalid_request: 400 }),
        ...CLIENT_AUTH_FAILED,
        ...TOO_LARGE,
      },
    },
  },
  "/userinfo": {
    get: {
      operationId: "userinfo",
      summary: "Userinfo (OIDC Core 5.3): the citizen's claims",
      description: "The access token as a bearer in the Authorization header.",
      tags: [TAG],
      security: [{ accessToken: [] }],
      responses: userinfoResponses,
    },
    post: {
      operationId: "userinfoPost",
      summary: "Userinfo by POST",
      description:
        "The access token in the Authorization header or as the access_token form member (RFC 6750 2.2), never both.",
      tags: [TAG],
      security: [{ accessToken: [] }, {}],
      requestBody: { ...form(UserInfoForm), required: false },
      responses: userinfoResponses,
    },
  },
};
