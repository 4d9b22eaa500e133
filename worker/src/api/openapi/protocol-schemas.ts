/**
 * Wire shapes of the OpenID Connect endpoints, for the OpenAPI document only: the endpoints
 * themselves read forms rule by rule (oidc/checks/, one rule a file) because OAuth fixes the
 * error each rule answers. These schemas say what a client sends and receives, in the terms
 * of the specifications; the tests in test/conformance/ hold the endpoints to them.
 */
import * as z from "zod";
import { CLIENT_SIGNING_ALGS } from "../../oidc/client-keys.ts";
import { OAUTH_ERRORS, type OAuthErrorCode } from "../../oidc/oauth-error.ts";
import { SCOPES } from "../../storage/client-store.ts";

/** The tag of every protocol endpoint, and where their rules are written down. */
export const OIDC_TAG = "OpenID Connect";
export const OIDC_DOC = "docs/oidc.md";

const ACR_URIS = [
  "http://eidas.europa.eu/LoA/low",
  "http://eidas.europa.eu/LoA/substantial",
  "http://eidas.europa.eu/LoA/high",
] as const;
export const CIBA_GRANT = "urn:openid:params:grant-type:ciba";
const JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const scopeList = `Space-separated; must contain openid. Known scopes: ${SCOPES.join(", ")}`;

/** An OAuth error body (RFC 6749 5.2), as every protocol endpoint answers one. */
export const OAuthErrorBody = z
  .object({
    error: z
      .enum(Object.keys(OAUTH_ERRORS) as [OAuthErrorCode, ...OAuthErrorCode[]])
      .describe("The RFC 6749 / OIDC / CIBA code; the status of each answer lists the ones used"),
    error_description: z.string().describe("For the developer: what was wrong, what to change"),
  })
  .meta({ id: "OAuthError" });

/**
 * The form members of client_secret_post and private_key_jwt; client_secret_basic sends the
 * same credentials in the Authorization header instead. Exactly one method, the registered one.
 */
const clientAuthentication = {
  client_id: z
    .string()
    .optional()
    .describe("Required with client_secret_post; with private_key_jwt it may be left out (iss)"),
  client_secret: z.string().optional().describe("client_secret_post only"),
  client_assertion_type: z.literal(JWT_BEARER).optional().describe("private_key_jwt only"),
  client_assertion: z
    .string()
    .optional()
    .describe(
      `private_key_jwt only: a JWT signed with one of the client's keys (${CLIENT_SIGNING_ALGS.join(", ")}); iss = sub = client_id; aud = the issuer, the token endpoint or this endpoint's URL; exp at most CLIENT_ASSERTION_MAX_LIFETIME_SECONDS ahead; a jti used once`,
    ),
};

export const AuthorizationCodeGrant = z
  .object({
    grant_type: z.literal("authorization_code"),
    code: z.string().describe("From the authorization response; valid 60 s, redeemed once"),
    redirect_uri: z.string().describe("Exactly the redirect_uri of the authorization request"),
    code_verifier: z
      .string()
      .regex(/^[A-Za-z0-9._~-]{43,128}$/)
      .describe("The PKCE verifier whose S256 hash was the code_challenge"),
    ...clientAuthentication,
  })
  .meta({ id: "AuthorizationCodeGrant" });

export const RefreshTokenGrant = z
  .object({
    grant_type: z.literal("refresh_token"),
    refresh_token: z.string().describe("The latest one: an earlier one revokes the family"),
    scope: z.string().optional().describe("A narrower scope than the grant's, space-separated"),
    ...clientAuthentication,
  })
  .meta({ id: "RefreshTokenGrant" });

export const CibaGrant = z
  .object({
    grant_type: z.literal(CIBA_GRANT),
    auth_req_id: z.string().describe("From POST /backchannel-authentication"),
    ...clientAuthentication,
  })
  .meta({ id: "CibaGrant" });

export const TokenRequest = z
  .discriminatedUnion("grant_type", [AuthorizationCodeGrant, RefreshTokenGrant, CibaGrant])
  .meta({ id: "TokenRequest" });

export const TokenResponse = z
  .object({
    access_token: z.string().describe("A JWT (RFC 9068, typ at+jwt), aud = the client id"),
    token_type: z.literal("Bearer"),
    expires_in: z.number().int().describe("Seconds: the client's accessTokenTtl"),
    id_token: z.string().describe("Signed with the client's idTokenAlg; verify with /jwks"),
    scope: z.string().describe("The scopes granted, space-separated"),
    refresh_token: z
      .string()
      .optional()
      .describe("With offline_access allowed and asked for; rotated on every use"),
  })
  .meta({ id: "TokenResponse" });

export const TokenFormRequest = z
  .object({
    token: z.string().describe("An access or refresh token issued to this client"),
    token_type_hint: z.enum(["access_token", "refresh_token"]).optional(),
    ...clientAuthentication,
  })
  .meta({ id: "TokenFormRequest" });

export const IntrospectionResponse = z
  .object({
    active: z.boolean().describe("false for anything not live or not this client's"),
    token_type: z.enum(["Bearer", "refresh_token"]).optional(),
    client_id: z.string().optional(),
    scope: z.string().optional(),
    sub: z.string().optional(),
    iss: z.string().optional(),
    aud: z.string().optional(),
    exp: z.number().int().optional(),
    iat: z.number().int().optional(),
    jti: z.string().optional(),
    auth_time: z.number().int().optional(),
    acr: z.enum(ACR_URIS).optional(),
  })
  .meta({ id: "IntrospectionResponse" });

export const UserInfo = z
  .looseObject({
    sub: z.string().describe("Pairwise per sector unless the client is public"),
    name: z.string().optional().describe("profile"),
    given_name: z.string().optional().describe("profile"),
    family_name: z.string().optional().describe("profile: both surnames"),
    birthdate: z.string().optional().describe("profile: YYYY-MM-DD"),
    email: z.string().optional().describe("email"),
    email_verified: z.boolean().optional().describe("email"),
    phone_number: z.string().optional().describe("phone"),
    phone_number_verified: z.boolean().optional().describe("phone"),
    document_type: z.enum(["DNI", "NIE", "CF"]).optional().describe("document"),
    document_number: z.string().optional().describe("document"),
  })
  .meta({ id: "UserInfo" });

export const UserInfoForm = z
  .object({ access_token: z.string().describe("Instead of the Authorization header, never both") })
  .meta({ id: "UserInfoForm" });

export const BackchannelRequest = z
  .object({
    scope: z.string().describe(scopeList),
    login_hint: z.string().describe("The citizen's document number (DNI, NIE, codice fiscale)"),
    binding_message: z
      .string()
      .min(1)
      .max(64)
      .describe("Required by Llave; shown in the app beside the request"),
    acr_values: z.string().optional().describe("eIDAS level URIs, space-separated"),
    claims: z.string().optional().describe("JSON (OIDC Core 5.5), as at /authorize"),
    requested_expiry: z
      .string()
      .regex(/^[1-9][0-9]*$/)
      .optional()
      .describe("Seconds; capped at MOBILE_APPROVAL_TTL_SECONDS, the default"),
    ...clientAuthentication,
  })
  .meta({ id: "BackchannelRequest" });

export const BackchannelStarted = z
  .object({
    auth_req_id: z.string().describe("Poll /token with it (grant_type CIBA)"),
    expires_in: z.number().int().describe("Seconds the citizen has to answer"),
    interval: z.number().int().describe("Seconds between polls; sooner is slow_down"),
    match_number: z
      .number()
      .int()
      .describe("Llave's: the number the operator reads out; the citizen picks it in the app"),
  })
  .meta({ id: "BackchannelStarted" });

export const ProviderMetadata = z
  .looseObject({
    issuer: z.string(),
    authorization_endpoint: z.string(),
    token_endpoint: z.string(),
    userinfo_endpoint: z.string(),
    jwks_uri: z.string(),
    revocation_endpoint: z.string(),
    introspection_endpoint: z.string(),
    end_session_endpoint: z.string(),
    backchannel_authentication_endpoint: z.string(),
    scopes_supported: z.array(z.string()),
    response_types_supported: z.array(z.literal("code")),
    grant_types_supported: z.array(z.string()),
    code_challenge_methods_supported: z.array(z.literal("S256")),
    token_endpoint_auth_methods_supported: z.array(z.string()),
    acr_values_supported: z.array(z.enum(ACR_URIS)),
    authorization_response_iss_parameter_supported: z.literal(true),
  })
  .describe("OIDC Discovery 1.0 / RFC 8414; every member Llave sends is in docs/oidc.md §2")
  .meta({ id: "ProviderMetadata" });

export const JsonWebKeySet = z
  .object({
    keys: z.array(
      z.looseObject({
        kty: z.enum(["EC", "RSA"]),
        kid: z.string(),
        alg: z.enum(["ES256", "RS256"]),
        use: z.literal("sig").optional(),
      }),
    ),
  })
  .describe("Public keys only: the signing key, the next and the previous of a rotation")
  .meta({ id: "JsonWebKeySet" });

/** The bodies the protocol endpoints accept. */
export const PROTOCOL_REQUESTS = [
  AuthorizationCodeGrant,
  RefreshTokenGrant,
  CibaGrant,
  TokenRequest,
  TokenFormRequest,
  UserInfoForm,
  BackchannelRequest,
];
