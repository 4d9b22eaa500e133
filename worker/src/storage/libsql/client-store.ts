/**
 * The libSQL ClientStore: agencies' clients in the `clients` table, used assertion `jti`s in
 * `client_assertions`. Every write goes in one batch with its audit event (atomic: both or
 * neither), and the event names the client in `detail.clientId`.
 *
 * Clients are never deleted (a client is disabled instead), so a client found before a write
 * still exists when the write's batch runs: update and rotation read first and write second.
 */
import { and, asc, eq, gt, lte, sql } from "drizzle-orm";
import type { Clock } from "../../clock.ts";
import { type Random, randomToken } from "../../crypto/random.ts";
import type { AuditContext } from "../account-store.ts";
import type { AuditEvent } from "../audit-log.ts";
import {
  type Client,
  ClientNotFoundError,
  type ClientPage,
  type ClientPatch,
  type ClientStore,
  DuplicateClientError,
  type LoginMethod,
  type NewClient,
  type Scope,
} from "../client-store.ts";
import { auditRow } from "./audit-log.ts";
import { auditLog, clientAssertions, clients } from "./schema.ts";
import { type AccountsDatabase, SqlError } from "./transport.ts";

type ClientRow = typeof clients.$inferSelect;

// Prepared once per store: this lookup runs on every /authorize and /token request.
const prepareFind = (db: AccountsDatabase) =>
  db
    .select()
    .from(clients)
    .where(eq(clients.id, sql.placeholder("id")))
    .limit(1)
    .prepare();

const toClient = (row: ClientRow): Client => ({
  ...row,
  allowedMethods: row.allowedMethods as LoginMethod[],
  scopes: row.scopes as Scope[],
});

/** The fields of `patch` whose value differs from `current`, with their new values. */
function changes(current: Client, patch: ClientPatch): ClientPatch {
  const changed: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const before = current[field as keyof Client];
    if (JSON.stringify(before) !== JSON.stringify(value)) changed[field] = value;
  }
  return changed as ClientPatch;
}

/**
 * @example
 * const clients = new LibsqlClientStore(db, systemClock, cryptoRandom);
 * const client = await clients.find("demo-agency");
 */
export class LibsqlClientStore implements ClientStore {
  readonly #db: AccountsDatabase;
  readonly #clock: Clock;
  readonly #random: Random;
  readonly #find: ReturnType<typeof prepareFind>;

  constructor(db: AccountsDatabase, clock: Clock, random: Random) {
    this.#db = db;
    this.#clock = clock;
    this.#random = random;
    this.#find = prepareFind(db);
  }

  async find(id: string): Promise<Client | null> {
    const [row] = await this.#find.all({ id });
    return row ? toClient(row) : null;
  }

  async list(page: { limit: number; after?: string | undefined }): Promise<ClientPage> {
    const rows = await this.#db
      .select()
      .from(clients)
      .where(page.after === undefined ? undefined : gt(clients.id, page.after))
      .orderBy(asc(clients.id))
      .limit(page.limit + 1);
    const found = rows.slice(0, page.limit).map(toClient);
    const more = rows.length > page.limit;
    return { clients: found, next: more ? (found.at(-1)?.id ?? null) : null };
  }

  async create(input: NewClient, audit: AuditContext): Promise<Client> {
    const now = this.#clock.now();
    const client: Client = {
      ...input,
      id: input.id ?? `cl_${randomToken(this.#random)}`,
      status: "active",
      previousSecretHash: null,
      previousSecretExpiresAt: null,
      createdAt: now,
      updatedAt: now,
    };
    try {
      await this.#db.batch([
        this.#db.insert(clients).values(client),
        this.#audit(audit, "client.created", now, client.id, {
          authMethod: client.authMethod,
        }),
      ]);
    } catch (error) {
      if (error instanceof SqlError && error.code.startsWith("SQLITE_CONSTRAINT")) {
        throw new DuplicateClientError(`A client with id ${client.id} already exists`);
      }
      throw error;
    }
    return client;
  }

  /**
   * Writes only the fields that change; an update that changes nothing writes nothing, not
   * even an audit event. A client moved to private_key_jwt loses its secrets: it has none.
   */
  async update(id: string, patch: ClientPatch, audit: AuditContext): Promise<Client> {
    const current = await this.find(id);
    if (!current) throw new ClientNotFoundError(`No client with id ${id}`);
    const changed = changes(current, patch);
    const fields = Object.keys(changed);
    if (fields.length === 0) return current;
    const now = this.#clock.now();
    const secrets =
      changed.authMethod === "private_key_jwt"
        ? { secretHash: null, previousSecretHash: null, previousSecretExpiresAt: null }
        : {};
    const event = changed.status === "disabled" ? "client.disabled" : "client.updated";
    const [rows] = await this.#db.batch([
      this.#db
        .update(clients)
        .set({ ...changed, ...secrets, updatedAt: now })
        .where(eq(clients.id, id))
        .returning(),
      this.#audit(audit, event, now, id, { fields: fields.sort().join(",") }),
    ]);
    const [row] = rows;
    if (!row) throw new ClientNotFoundError(`No client with id ${id}`);
    return toClient(row);
  }

  async rotateSecret(
    id: string,
    secretHash: string,
    graceUntil: number,
    audit: AuditContext,
  ): Promise<Client> {
    const current = await this.find(id);
    if (!current) throw new ClientNotFoundError(`No client with id ${id}`);
    const now = this.#clock.now();
    // SQLite evaluates every SET expression on the row as it was, so the digest being replaced
    // is what becomes the previous one, even if another rotation committed since `find`.
    const [rows] = await this.#db.batch([
      this.#db
        .update(clients)
        .set({
          previousSecretHash: sql`${clients.secretHash}`,
          previousSecretExpiresAt: sql`case when ${clients.secretHash} is null then null else ${graceUntil} end`,
          secretHash,
          updatedAt: now,
        })
        .where(eq(clients.id, id))
        .returning(),
      this.#audit(audit, "client.secret_rotated", now, id, {
        previousValidUntil: current.secretHash === null ? null : graceUntil,
      }),
    ]);
    const [row] = rows;
    if (!row) throw new ClientNotFoundError(`No client with id ${id}`);
    return toClient(row);
  }

  /**
   * One batch: first the client's expired `jti`s go, then the insert, which does nothing when
   * the `jti` is still recorded. Two requests racing with one assertion meet at the primary
   * key, so exactly one of them gets `true`.
   */
  async useAssertion(clientId: string, jti: string, expiresAt: number): Promise<boolean> {
    const now = this.#clock.now();
    const [, inserted] = await this.#db.batch([
      this.#db
        .delete(clientAssertions)
        .where(and(eq(clientAssertions.clientId, clientId), lte(clientAssertions.expiresAt, now))),
      this.#db
        .insert(clientAssertions)
        .values({ clientId, jti, expiresAt })
        .onConflictDoNothing()
        .returning({ jti: clientAssertions.jti }),
    ]);
    return inserted.length === 1;
  }

  #audit(
    context: AuditContext,
    event: AuditEvent["event"],
    at: number,
    clientId: string,
    detail: NonNullable<AuditEvent["detail"]>,
  ) {
    return this.#db
      .insert(auditLog)
      .values(
        auditRow({ ...context, event, at, citizenId: null, detail: { clientId, ...detail } }),
      );
  }
}
