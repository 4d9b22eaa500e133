/**
 * How SQL reaches libSQL. Drizzle's sqlite-proxy driver runs over a `SqlTransport`, and there
 * are two transports: a libSQL `Client` (production: `@libsql/client/web` to Turso; Node: the
 * embedded engine behind the dev/test bridge), and the bridge itself, which carries the same
 * queries from workerd to that Node process through a service binding. Both ends of the
 * bridge use `libsqlTransport`, so dev, tests and production run the same conversion code.
 */
import type { Client, InStatement, ResultSet } from "@libsql/client/web";
import { drizzle, type SqliteRemoteDatabase } from "drizzle-orm/sqlite-proxy";
import type { ServiceBinding } from "../../service-binding.ts";
import { schema } from "./schema.ts";

export type SqlMethod = "run" | "all" | "values" | "get";
export type SqlQuery = { sql: string; params: unknown[]; method: SqlMethod };
export type SqlResult = { rows: unknown[] };

export interface SqlTransport {
  query(query: SqlQuery): Promise<SqlResult>;
  /** Runs every query in one transaction: all apply or none does. */
  batch(queries: SqlQuery[]): Promise<SqlResult[]>;
}

/** A database failure with the engine's error code (e.g. SQLITE_CONSTRAINT_UNIQUE). */
export class SqlError extends Error {
  override name = "SqlError";
  readonly code: string;

  constructor(message: string, code: string) {
    super(message);
    this.code = code;
  }
}

const toStatement = (q: SqlQuery): InStatement => ({
  sql: q.sql,
  args: q.params as NonNullable<Extract<InStatement, { args?: unknown }>["args"]>,
});

function toResult(method: SqlMethod, rs: ResultSet): SqlResult {
  if (method === "run") return { rows: [] };
  const rows = rs.rows.map((row) => rs.columns.map((_, i) => row[i]));
  return { rows: method === "get" ? (rows[0] ?? []) : rows };
}

function asSqlError(error: unknown): SqlError {
  if (error instanceof SqlError) return error;
  const e = error as { message?: unknown; code?: unknown; rawCode?: unknown };
  const message = typeof e.message === "string" ? e.message : String(error);
  const code = typeof e.code === "string" ? e.code : "SQL_ERROR";
  const unique = /UNIQUE constraint failed/i.test(message);
  return new SqlError(message, unique ? "SQLITE_CONSTRAINT_UNIQUE" : code);
}

/** Runs queries on a libSQL client (remote over HTTP, or embedded in Node). */
export function libsqlTransport(client: Client): SqlTransport {
  return {
    async query(q) {
      try {
        return toResult(q.method, await client.execute(toStatement(q)));
      } catch (error) {
        throw asSqlError(error);
      }
    },
    async batch(queries) {
      try {
        const results = await client.batch(queries.map(toStatement), "write");
        return results.map((rs, i) => toResult(queries[i]?.method ?? "all", rs));
      } catch (error) {
        throw asSqlError(error);
      }
    },
  };
}

/** Wire format of the dev/test bridge (scripts/lib/libsql-bridge.ts serves it). */
export type BridgeRequest = { queries: SqlQuery[]; batch: boolean };
export type BridgeResponse =
  | { ok: true; results: SqlResult[] }
  | { ok: false; error: { message: string; code: string } };

/** Sends queries through a service binding to the Node process that owns the database file. */
export function bridgeTransport(bridge: ServiceBinding): SqlTransport {
  async function send(body: BridgeRequest): Promise<SqlResult[]> {
    const response = await bridge.fetch("http://libsql-bridge/query", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const reply = (await response.json()) as BridgeResponse;
    if (!reply.ok) throw new SqlError(reply.error.message, reply.error.code);
    return reply.results;
  }
  return {
    query: async (q) => (await send({ queries: [q], batch: false }))[0] ?? { rows: [] },
    batch: (queries) => send({ queries, batch: true }),
  };
}

export type AccountsDatabase = SqliteRemoteDatabase<typeof schema>;

/** A drizzle database over any transport. */
export function accountsDatabase(transport: SqlTransport): AccountsDatabase {
  return drizzle(
    (sql, params, method) => transport.query({ sql, params, method }),
    (queries) => transport.batch(queries),
    { schema },
  );
}
