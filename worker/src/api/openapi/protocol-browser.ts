/**
 * The OpenID Connect endpoints a browser or a client library reaches first (tag "OpenID
 * Connect"): discovery and keys, the authorization endpoint and RP-initiated logout. Where no
 * redirect may happen they answer an HTML error page, never a redirect (docs/oidc.md §3, §7).
 */
import { JsonWebKeySet, OIDC_DOC, ProviderMetadata, OIDC_TAG as TAG } from "./protocol-schemas.ts";
import { json, ref } from "./shared.ts";

const FORM = "application/x-www-form-urlencoded";

type Param = { name: string; required?: boolean; description: string; schema?: object };
const str = { type: "string" };

/** The authorization request's parameters (OIDC Core 3.1.2.1, RFC 7636, RFC 9101, Llave's). */
const AUTHORIZE_PARAMS: Param[] = [
  {
    name: "response_type",
    required: true,
    description: "Only code (implicit and hybrid flows are refused)",
    schema: { const: "code" },
  },
  { name: "client_id", required: true, description: "An active client" },
  {
    name: "redirect_uri",
    required: true,
    description: "One of the client's, exactly (no partial or wildcard match)",
  },
  { name: "scope", required: true, description: "Space-separated; must contain openid" },
  {
    name: "code_challenge",
    required: true,
    description: "BASE64URL(SHA-256(code_verifier)) (PKCE, required)",
  },
  {
    name: "code_challenge_method",
    required: true,
    description: "S256 (plain is refused)",
    schema: { const: "S256" },
  },
  { name: "state", description: "Returned verbatim; at most 512 characters" },
  { name: "nonce", description: "Put in the ID token; at most 512 characters" },
  { name: "acr_values", description: "eIDAS level URIs; the login must reach the lowest listed" },
  { name: "claims", description: "JSON (OIDC Core 5.5): id_token members, essential acr" },
  {
    name: "prompt",
    description: "none, login or consent",
    schema: { enum: ["none", "login", "consent"] },
  },
  {
    name: "max_age",
    description: "Seconds since the citizen last authenticated",
    schema: { type: "integer", minimum: 0 },
  },
  {
    name: "login_hint",
    description: "A document number: prefilled; another citizen's session is not reused",
  },
  { name: "ui_locales", description: "Language tags; es, ca, gl, eu, en, fr, it, ro" },
  {
    name: "response_mode",
    description: "query (default) or web_message (<llave-login>)",
    schema: { enum: ["query", "web_message"] },
  },
  { name: "web_message_uri", description: "With web_message: one of the client's frameOrigins" },
  {
    name: "request",
    description:
      "A request object signed with the client's key (ES256, RS256, PS256), aud = issuer, with exp",
  },
  {
    name: "llave_theme",
    description: "light, dark or auto",
    schema: { enum: ["light", "dark", "auto"] },
  },
  { name: "llave_style", description: "JSON of allowed --llave-* style properties" },
  {
    name: "llave_methods",
    description: "The methods to offer, space-separated: pin, password, mobile",
  },
];

/** RP-initiated logout's parameters (OpenID Connect RP-Initiated Logout 1.0 §2). */
const LOGOUT_PARAMS: Param[] = [
  {
    name: "id_token_hint",
    description: "An ID token Llave issued: with the current session's, logout happens at once",
  },
  { name: "client_id", description: "Needed for post_logout_redirect_uri without id_token_hint" },
  { name: "post_logout_redirect_uri", description: "One the client registered, exactly" },
  { name: "state", description: "Returned with the redirect" },
  { name: "ui_locales", description: "Language of the confirmation page" },
];

const asQuery = (params: Param[]) =>
  params.map((p) => ({
    name: p.name,
    in: "query",
    ...(p.required ? { required: true } : {}),
    description: p.description,
    schema: { ...str, ...p.schema },
  }));

const asForm = (params: Param[]) => ({
  required: true,
  content: {
    [FORM]: {
      schema: {
        type: "object",
        properties: Object.fromEntries(
          params.map((p) => [p.name, { ...str, ...p.schema, description: p.description }]),
        ),
        required: params.filter((p) => p.required).map((p) => p.name),
      },
    },
  },
});

const html = (description: string) => ({ description, content: { "text/html": {} } });
const LOCATION = { Location: { description: "Where the browser goes", schema: str } };

const authorizeResponses = {
  "302": {
    description:
      "To redirect_uri with code, state and iss (RFC 9207) — or error, error_description, state and iss (login_required, unmet_authentication_requirements, access_denied, invalid_request, invalid_scope, invalid_request_object…) — or to the login page /login/{loginId}",
    headers: LOCATION,
  },
  "200": html(
    "With response_mode=web_message: a page that posts the same parameters to the embedding origin",
  ),
  "400": html(
    "An error page (data-error=<code>) when client_id or redirect_uri cannot be trusted: never a redirect",
  ),
};

const logoutResponses = {
  "303": {
    description: "To post_logout_redirect_uri, with state, once the session has ended",
    headers: LOCATION,
  },
  "200": html(
    "Logged out, or (without a hint for the current session) a page asking the citizen to confirm",
  ),
  "400": html(
    "An invalid id_token_hint, a client_id that contradicts it, or an unregistered post_logout_redirect_uri",
  ),
};

const discovery = (operationId: string, summary: string) => ({
  get: {
    operationId,
    summary,
    tags: [TAG],
    responses: {
      "200": {
        description: "The provider's metadata (cached 5 minutes)",
        content: json(ProviderMetadata),
      },
    },
  },
});

export const browserPaths = {
  "/.well-known/openid-configuration": discovery(
    "discovery",
    "Discovery: the provider's metadata (OIDC Discovery 1.0)",
  ),
  "/.well-known/oauth-authorization-server": discovery(
    "authorizationServerMetadata",
    "The same metadata where RFC 8414 clients look for it",
  ),
  "/jwks": {
    get: {
      operationId: "jwks",
      summary: "The public keys that verify ID and access tokens",
      tags: [TAG],
      responses: {
        "200": {
          description: "application/jwk-set+json, cached 5 minutes",
          content: { "application/jwk-set+json": { schema: ref(JsonWebKeySet) } },
        },
      },
    },
  },
  "/authorize": {
    get: {
      operationId: "authorize",
      summary: "Authorization request: send the citizen's browser here",
      description: `Authorization code flow with PKCE (S256) only. Answered from the single sign-on session when it satisfies the request, else through the login page. ${OIDC_DOC} §3.`,
      tags: [TAG],
      parameters: asQuery(AUTHORIZE_PARAMS),
      responses: authorizeResponses,
    },
    post: {
      operationId: "authorizePost",
      summary: "Authorization request as a form post",
      description: "The same parameters as GET, form-encoded.",
      tags: [TAG],
      requestBody: asForm(AUTHORIZE_PARAMS),
      responses: authorizeResponses,
    },
  },
  "/logout": {
    get: {
      operationId: "endSession",
      summary: "RP-initiated logout (end_session_endpoint)",
      description: `Ends the session and tells the session's other clients by back-channel logout. ${OIDC_DOC} §7.`,
      tags: [TAG],
      parameters: asQuery(LOGOUT_PARAMS),
      responses: logoutResponses,
    },
    post: {
      operationId: "endSessionPost",
      summary: "RP-initiated logout as a form post",
      tags: [TAG],
      requestBody: asForm(LOGOUT_PARAMS),
      responses: logoutResponses,
    },
  },
};
