/**
 * The AccountStore and ClientStore contracts run in Node on the production transport
 * (`libsqlTransport`, the code that wraps `@libsql/client/web` when the worker talks to Turso),
 * over the embedded engine. The worker project runs the same contracts through the dev/test
 * bridge.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { migrateAccounts, openAccounts } from "../../scripts/lib/accounts.ts";
import { systemClock } from "../../worker/src/clock.ts";
import { cryptoRandom } from "../../worker/src/crypto/random.ts";
import { LibsqlAccountStore } from "../../worker/src/storage/libsql/account-store.ts";
import { LibsqlAuditLog } from "../../worker/src/storage/libsql/audit-log.ts";
import { LibsqlClientStore } from "../../worker/src/storage/libsql/client-store.ts";
import { accountsDatabase, libsqlTransport } from "../../worker/src/storage/libsql/transport.ts";
import { accountStoreContract } from "../contracts/account-store.contract.ts";
import { clientStoreContract } from "../contracts/client-store.contract.ts";

let client: Awaited<ReturnType<typeof openAccounts>>;

beforeAll(async () => {
  client = await openAccounts(
    `file:${join(mkdtempSync(join(tmpdir(), "llave-contract-")), "a.db")}`,
  );
  await migrateAccounts(client);
});
afterAll(() => client.close());

const database = () => {
  const sql = libsqlTransport(client as never);
  return { db: accountsDatabase(sql), sql };
};

accountStoreContract("libSQL client transport, in Node", () => {
  const { db, sql } = database();
  return {
    accounts: new LibsqlAccountStore(db, systemClock, cryptoRandom),
    audit: new LibsqlAuditLog(db, sql),
  };
});

clientStoreContract("libSQL client transport, in Node", (clock) => {
  const { db, sql } = database();
  return {
    clients: new LibsqlClientStore(db, clock, cryptoRandom),
    audit: new LibsqlAuditLog(db, sql),
  };
});
