/**
 * `@llave/sdk`: the typed SDK for agency backends that log citizens in with Llave. Web APIs
 * only, so it runs unchanged on Node ≥ 20, Deno, Bun and Cloudflare Workers.
 *
 * @module @llave/sdk
 */
export type { AccessTokenClaims, AccessTokenOptions } from "./access-token.ts";
export { type AcrLevel, acrLevel, acrMeets, acrUri } from "./acr.ts";
export type {
  AdminOptions,
  ClientMetadata,
  ClientPage,
  ClientPatch,
  ClientRecord,
  ClientWithSecret,
  IssuedActivationCode,
  LlaveAdmin,
  RotatedSecret,
  Scope,
  UnlockedCitizen,
} from "./admin.ts";
export { createAdminClient } from "./admin.ts";
export type {
  AuthorizationRequest,
  AuthorizationRequestOptions,
  ExpectedCallback,
  LoginElementAttributes,
} from "./authorization-request.ts";
export type { CallbackInput } from "./authorization-response.ts";
export type { BackchannelOptions, BackchannelRequest, PollOptions } from "./backchannel.ts";
export {
  createClient,
  type LlaveClient,
  type LoginResult,
  type RefreshResult,
} from "./client.ts";
export type { ProviderMetadata } from "./discovery.ts";
export {
  isLlaveError,
  LlaveError,
  type LlaveErrorCode,
  type LlaveErrorDetails,
} from "./errors.ts";
export type { FetchLike } from "./http.ts";
export type { IdTokenClaims } from "./id-token.ts";
export type {
  ActiveToken,
  InactiveToken,
  IntrospectionResult,
  IntrospectOptions,
} from "./introspection.ts";
export type { LogoutOptions } from "./logout.ts";
export type {
  ClientCredentials,
  ClientOptions,
  PrivateKeyOptions,
  RuntimeOptions,
} from "./options.ts";
export type { TokenSet } from "./token.ts";
export type { UserinfoClaims } from "./userinfo.ts";
