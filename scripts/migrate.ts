/**
 * `npm run db:migrate`: applies the migrations in migrations/ to the accounts database —
 * LIBSQL_URL (with LIBSQL_AUTH_TOKEN) when set, such as the production Turso database, or the
 * local file .data/llave.db. The same runner `npm run dev` and the tests use.
 */
import { resolve } from "node:path";
import { migrateAccounts, openAccounts, ROOT } from "./lib/accounts.ts";

const data = resolve(ROOT, process.env.LLAVE_DATA_DIR ?? ".data");
const url = process.env.LIBSQL_URL ?? `file:${resolve(data, "llave.db")}`;
const client = await openAccounts(url, process.env.LIBSQL_AUTH_TOKEN);
try {
  await migrateAccounts(client);
  const applied = await client.execute("SELECT count(*) AS n FROM __drizzle_migrations");
  console.log(`${url.replace(/\/\/.*@/, "//…@")}: ${applied.rows[0]?.n} migrations applied`);
} finally {
  client.close();
}
