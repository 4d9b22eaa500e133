/**
 * The libSQL AccountStore: citizens in the `citizens` table, registration and its audit event
 * written in one batch (atomic: both or neither).
 */
import { and, eq, isNull, ne, or, sql } from "drizzle-orm";
import type { Clock } from "../../clock.ts";
import { type Random, randomToken } from "../../crypto/random.ts";
import {
  type AccountStore,
  type AuditContext,
  type Citizen,
  DuplicateCitizenError,
  type NewCitizen,
  type StandingChange,
} from "../account-store.ts";
import { auditRow } from "./audit-log.ts";
import { auditLog, citizens } from "./schema.ts";
import { type AccountsDatabase, SqlError } from "./transport.ts";

// Prepared once per store: this lookup runs on every "Get PIN", and building its SQL each time
// cost more worker CPU than sending it.
const prepareByDocument = (db: AccountsDatabase) =>
  db
    .select()
    .from(citizens)
    .where(
      and(
        eq(citizens.documentType, sql.placeholder("type")),
        eq(citizens.documentNumber, sql.placeholder("number")),
      ),
    )
    .limit(1)
    .prepare();

export class LibsqlAccountStore implements AccountStore {
  readonly #db: AccountsDatabase;
  readonly #clock: Clock;
  readonly #random: Random;
  readonly #byDocument: ReturnType<typeof prepareByDocument>;

  constructor(db: AccountsDatabase, clock: Clock, random: Random) {
    this.#db = db;
    this.#clock = clock;
    this.#random = random;
    this.#byDocument = prepareByDocument(db);
  }

  async findByDocument(type: Citizen["documentType"], number: string): Promise<Citizen | null> {
    const rows = await this.#byDocument.all({ type, number });
    return rows[0] ?? null;
  }

  async findById(id: string): Promise<Citizen | null> {
    const rows = await this.#db.select().from(citizens).where(eq(citizens.id, id)).limit(1);
    return rows[0] ?? null;
  }

  async setLocale(id: string, locale: string): Promise<void> {
    // Written only when it changes: most logins repeat the language of the last one.
    await this.#db
      .update(citizens)
      .set({ locale })
      .where(and(eq(citizens.id, id), or(isNull(citizens.locale), ne(citizens.locale, locale))));
  }

  async register(input: NewCitizen, audit: AuditContext): Promise<Citizen> {
    const now = this.#clock.now();
    const citizen: Citizen = {
      ...input,
      id: input.id ?? `cit_${randomToken(this.#random)}`,
      status: input.status ?? "active",
      locale: input.locale ?? null,
      createdAt: now,
      updatedAt: now,
    };
    try {
      await this.#db.batch([
        this.#db.insert(citizens).values(citizen),
        this.#db.insert(auditLog).values(
          auditRow({
            ...audit,
            event: "citizen.registered",
            at: now,
            citizenId: citizen.id,
            detail: { documentType: citizen.documentType, level: citizen.registrationLevel },
          }),
        ),
      ]);
    } catch (error) {
      if (error instanceof SqlError && error.code.startsWith("SQLITE_CONSTRAINT")) {
        throw new DuplicateCitizenError(
          `A citizen with this ${citizen.documentType} is already registered`,
        );
      }
      throw error;
    }
    return citizen;
  }

  async changeStanding(
    id: string,
    change: StandingChange,
    event: Parameters<AccountStore["changeStanding"]>[2],
  ): Promise<Citizen | null> {
    const now = this.#clock.now();
    const set = { ...change, updatedAt: now };
    const [updated] = await this.#db.batch([
      this.#db.update(citizens).set(set).where(eq(citizens.id, id)).returning(),
      this.#db.insert(auditLog).values(auditRow({ ...event, at: now, citizenId: id })),
    ]);
    return updated[0] ?? null;
  }
}
