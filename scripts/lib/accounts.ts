/**
 * Opening the accounts database from Node (local stack, tests, benchmark, CLI): an embedded
 * libSQL file, or a remote libSQL server when LIBSQL_URL is set, migrated with the one
 * migration runner (drizzle's libSQL migrator over migrations/).
 */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Client, createClient } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const MIGRATIONS = resolve(ROOT, "migrations");

/**
 * `file:` path or remote URL → client. A file database gets its folder created and WAL mode,
 * so reads do not wait behind writes.
 */
export async function openAccounts(url: string, authToken?: string): Promise<Client> {
  const client = createClient({ url, ...(authToken ? { authToken } : {}) });
  if (url.startsWith("file:")) {
    mkdirSync(dirname(url.slice("file:".length)), { recursive: true });
    await client.execute("PRAGMA journal_mode=WAL");
    await client.execute("PRAGMA busy_timeout=5000");
  }
  return client;
}

/** Applies every migration not yet applied; safe to run at every start. */
export async function migrateAccounts(client: Client): Promise<void> {
  await migrate(drizzle(client), { migrationsFolder: MIGRATIONS });
}
