/**
 * The accounts database (libSQL) as a drizzle schema. `npm run db:generate` turns changes into
 * SQL migrations in migrations/ (append-only once landed). Times are epoch milliseconds.
 */

import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

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

export const schema = { citizens, auditLog };
