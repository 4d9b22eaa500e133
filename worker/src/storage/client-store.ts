/**
 * ClientStore: the port through which the provider reads agencies' OpenID Connect clients and
 * the admin API manages them. The libSQL adapter (storage/libsql/client-store.ts) is the real
 * implementation; every adapter runs test/contracts/client-store.contract.ts.
 *
 * A client secret never reaches the store: callers pass its digest (crypto/client-secret.ts).
 * Rotating a secret keeps the previous digest valid for a grace period, so an agency can roll
 * its deployments without a failed token request.
 */
import type { AssuranceLevel } from "../assurance/levels.ts";
import type { AuditContext } from "./account-store.ts";

export type ClientAuthMethod = "client_secret_basic" | "client_secret_post" | "private_key_jwt";
export type SubjectType = "pairwise" | "public";
export type SigningAlg = "ES256" | "RS256";
/** Login methods a client may allow; password and mobile arrive with their issues. */
export type LoginMethod = "pin" | "password" | "mobile";
/** Scopes Llave knows; a client is allowed a subset. */
export const SCOPES = [
  "openid",
  "profile",
  "email",
  "phone",
  "document",
  "offline_access",
] as const;
export type Scope = (typeof SCOPES)[number];

export type PublicJwks = { keys: Record<string, unknown>[] };

export type Client = {
  /** Public identifier, e.g. `cl_…` or an operator-chosen slug. */
  id: string;
  /** Shown to citizens on the login screen ("Agencia Tributaria"). */
  name: string;
  status: "active" | "disabled";
  authMethod: ClientAuthMethod;
  /** SHA-256 (base64url) of the current secret; null for private_key_jwt. */
  secretHash: string | null;
  /** The secret before the last rotation, accepted until `previousSecretExpiresAt`. */
  previousSecretHash: string | null;
  previousSecretExpiresAt: number | null;
  /** The client's public keys for private_key_jwt and signed request objects… */
  jwks: PublicJwks | null;
  /** …or where to fetch them. */
  jwksUri: string | null;
  /** Exact-match redirect URIs (no wildcards, no partial matching). */
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  /** Origins (scheme://host[:port]) allowed to frame the login app. */
  frameOrigins: string[];
  allowedMethods: LoginMethod[];
  /** The lowest level this client accepts; a request may ask for more with acr_values. */
  minAcr: AssuranceLevel;
  subjectType: SubjectType;
  /** Pairwise subjects are computed per sector: by default the host of the redirect URIs. */
  sectorIdentifier: string;
  scopes: Scope[];
  idTokenAlg: SigningAlg;
  /** Lifetimes in seconds. */
  idTokenTtl: number;
  accessTokenTtl: number;
  /** Absolute lifetime of a refresh-token family (only with offline_access). */
  refreshTokenTtl: number;
  backchannelLogoutUri: string | null;
  createdAt: number;
  updatedAt: number;
};

/** What an operator chooses; the store fills ids, times and status. */
export type NewClient = Omit<
  Client,
  "id" | "status" | "createdAt" | "updatedAt" | "previousSecretHash" | "previousSecretExpiresAt"
> & { id?: string };

/** Fields an update may change; secrets change only through `rotateSecret`. */
export type ClientPatch = Partial<
  Omit<
    Client,
    | "id"
    | "createdAt"
    | "updatedAt"
    | "secretHash"
    | "previousSecretHash"
    | "previousSecretExpiresAt"
  >
>;

export class DuplicateClientError extends Error {
  override name = "DuplicateClientError";
}

export class ClientNotFoundError extends Error {
  override name = "ClientNotFoundError";
}

export type ClientPage = { clients: Client[]; next: string | null };

export interface ClientStore {
  find(id: string): Promise<Client | null>;
  /**
   * In id order (not creation order: generated ids are random), so that a page boundary stays
   * put while clients are added; `after` is the `next` of the previous page.
   */
  list(page: { limit: number; after?: string | undefined }): Promise<ClientPage>;
  /** Creates the client and its `client.created` audit event atomically. */
  create(client: NewClient, audit: AuditContext): Promise<Client>;
  /** Applies `patch` and writes `client.updated` (or `client.disabled`) atomically. */
  update(id: string, patch: ClientPatch, audit: AuditContext): Promise<Client>;
  /**
   * Replaces the secret digest; the old one stays valid until `graceUntil` (epoch ms; pass
   * `now` to revoke it at once). Writes `client.secret_rotated`.
   */
  rotateSecret(
    id: string,
    secretHash: string,
    graceUntil: number,
    audit: AuditContext,
  ): Promise<Client>;
  /**
   * Records a private_key_jwt assertion's `jti` until `expiresAt`; false when it was already
   * used (a replay). Expired entries may be purged on the way. `expiresAt` must be the last
   * moment the assertion could still be accepted — its `exp` plus the verifier's clock
   * tolerance — or a replay slips through in between (client-auth.ts).
   */
  useAssertion(clientId: string, jti: string, expiresAt: number): Promise<boolean>;
}
