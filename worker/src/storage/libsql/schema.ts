/**
 * The accounts database (libSQL) as a drizzle schema. `npm run db:generate` turns changes into
 * SQL migrations in migrations/ (append-only once landed). Times are epoch milliseconds.
 */

import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

export const citizens = sqliteTable(
  "citizens",
  {
    id: text("id").primaryKey(),
    documentType: text("document_type", { enum: ["DNI", "NIE", "CF"] }).notNull(),
    documentNumber: text("document_number").notNull(),
    contrastKind: text("contrast_kind", {
      enum: ["dni_validity", "dni_issue", "nie_support", "cf_card_expiry"],
    }).notNull(),
    contrastValue: text("contrast_value").notNull(),
    givenName: text("given_name").notNull(),
    familyName: text("family_name").notNull(),
    secondFamilyName: text("second_family_name"),
    birthDate: text("birth_date").notNull(),
    mobile: text("mobile"),
    email: text("email"),
    registrationLevel: text("registration_level", { enum: ["basic", "advanced"] }).notNull(),
    status: text("status", { enum: ["active", "suspended", "revoked"] })
      .notNull()
      .default("active"),
    /** Language of the citizen's last completed login (migration 0007). */
    locale: text("locale"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("citizens_document").on(t.documentType, t.documentNumber)],
);

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at").notNull(),
    event: text("event").notNull(),
    actor: text("actor", { enum: ["citizen", "operator", "system", "anonymous"] }).notNull(),
    citizenId: text("citizen_id"),
    loginId: text("login_id"),
    ip: text("ip"),
    userAgent: text("user_agent"),
    detail: text("detail", { mode: "json" }).$type<Record<string, unknown>>(),
  },
  (t) => [
    index("audit_log_citizen").on(t.citizenId, t.at),
    index("audit_log_login").on(t.loginId),
    index("audit_log_at").on(t.at),
  ],
);

/**
 * Agencies' OpenID Connect clients (storage/client-store.ts describes each field). Lists and
 * key sets are JSON text; only a SHA-256 digest of a client secret is ever stored.
 */
export const clients = sqliteTable("clients", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  status: text("status", { enum: ["active", "disabled"] })
    .notNull()
    .default("active"),
  authMethod: text("auth_method", {
    enum: ["client_secret_basic", "client_secret_post", "private_key_jwt"],
  }).notNull(),
  secretHash: text("secret_hash"),
  previousSecretHash: text("previous_secret_hash"),
  previousSecretExpiresAt: integer("previous_secret_expires_at"),
  jwks: text("jwks", { mode: "json" }).$type<{ keys: Record<string, unknown>[] }>(),
  jwksUri: text("jwks_uri"),
  redirectUris: text("redirect_uris", { mode: "json" }).$type<string[]>().notNull(),
  postLogoutRedirectUris: text("post_logout_redirect_uris", { mode: "json" })
    .$type<string[]>()
    .notNull(),
  frameOrigins: text("frame_origins", { mode: "json" }).$type<string[]>().notNull(),
  allowedMethods: text("allowed_methods", { mode: "json" }).$type<string[]>().notNull(),
  minAcr: text("min_acr", { enum: ["low", "substantial", "high"] }).notNull(),
  subjectType: text("subject_type", { enum: ["pairwise", "public"] }).notNull(),
  sectorIdentifier: text("sector_identifier").notNull(),
  scopes: text("scopes", { mode: "json" }).$type<string[]>().notNull(),
  idTokenAlg: text("id_token_alg", { enum: ["ES256", "RS256"] }).notNull(),
  idTokenTtl: integer("id_token_ttl").notNull(),
  accessTokenTtl: integer("access_token_ttl").notNull(),
  refreshTokenTtl: integer("refresh_token_ttl").notNull(),
  backchannelLogoutUri: text("backchannel_logout_uri"),
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

/**
 * `jti`s of `private_key_jwt` client assertions already used, kept until they could no longer
 * be accepted (`exp` plus the clock tolerance), so an assertion cannot be replayed (RFC 7523 3,
 * OIDC Core 9).
 */
export const clientAssertions = sqliteTable(
  "client_assertions",
  {
    clientId: text("client_id").notNull(),
    jti: text("jti").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clientId, t.jti] }),
    index("client_assertions_expiry").on(t.expiresAt),
  ],
);

/**
 * Permanent passwords (methods/password/): one per citizen, as an Argon2id PHC string keyed
 * with PASSWORD_PEPPER. The failure counter that blocks it lives in the CitizenObject, where
 * each attempt is counted before the hash is even computed.
 */
export const passwords = sqliteTable("passwords", {
  citizenId: text("citizen_id").primaryKey(),
  hash: text("hash").notNull(),
  setAt: integer("set_at").notNull(),
  expiresAt: integer("expires_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

/**
 * Activation codes, stored only as an HMAC digest. A code is live until it is used, revoked
 * (a newer code was issued), expired or blocked by wrong entries; each entry is counted before
 * it is compared, in one conditional update, so racing guesses cannot exceed the limit.
 */
export const activationCodes = sqliteTable(
  "activation_codes",
  {
    id: text("id").primaryKey(),
    citizenId: text("citizen_id").notNull(),
    digest: text("digest").notNull(),
    delivery: text("delivery", { enum: ["sms", "letter"] }).notNull(),
    issuedAt: integer("issued_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    failures: integer("failures").notNull().default(0),
    usedAt: integer("used_at"),
    revokedAt: integer("revoked_at"),
  },
  (t) => [index("activation_codes_citizen").on(t.citizenId, t.issuedAt)],
);

/**
 * Citizen-app devices (methods/mobile/): each holds a P-256 key that never leaves it; the
 * server keeps the public key and its RFC 7638 thumbprint, by which every signed request
 * names its device, and the sealed seed of its step-up codes. Revoked devices stay, for the
 * citizen's history and the audit trail.
 */
export const devices = sqliteTable(
  "devices",
  {
    id: text("id").primaryKey(),
    citizenId: text("citizen_id").notNull(),
    name: text("name").notNull(),
    thumbprint: text("thumbprint").notNull().unique(),
    publicKey: text("public_key", { mode: "json" }).$type<Record<string, string>>().notNull(),
    status: text("status", { enum: ["active", "revoked"] }).notNull(),
    createdAt: integer("created_at").notNull(),
    lastUsedAt: integer("last_used_at"),
    revokedAt: integer("revoked_at"),
    revokedReason: text("revoked_reason"),
    /**
     * The device's TOTP seed for step-up codes, sealed (AES-GCM, methods/password/totp.ts);
     * null for devices activated before the codes existed.
     */
    totpSecret: text("totp_secret"),
    /** Until then the device asserts at most `low` (bound with SMS possession alone). */
    waitEndsAt: integer("wait_ends_at").notNull(),
    /** SHA-256 of the device's single-use cancel link; null once used (or never issued). */
    cancelDigest: text("cancel_digest").unique(),
  },
  (t) => [index("devices_citizen").on(t.citizenId, t.status, t.createdAt)],
);

export const schema = {
  citizens,
  auditLog,
  clients,
  clientAssertions,
  passwords,
  activationCodes,
  devices,
};
