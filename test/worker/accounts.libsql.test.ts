/**
 * The libSQL adapters inside workerd, through the bridge to the real engine: the AccountStore
 * contract, and the audit log's append-only guarantee, which the database itself enforces.
 */
import { describe, expect, it } from "vitest";
import { systemClock } from "../../worker/src/clock.ts";
import { configFrom } from "../../worker/src/config.ts";
import { cryptoRandom } from "../../worker/src/crypto/random.ts";
import { accountsFrom, accountsTransport } from "../../worker/src/storage/libsql/open.ts";
import { accountStoreContract, sampleCitizen } from "../contracts/account-store.contract.ts";
import { credentialStoreContract } from "../contracts/credential-store.contract.ts";
import { testEnv } from "./harness.ts";

const open = () => accountsFrom(configFrom(testEnv), testEnv, systemClock, cryptoRandom);

accountStoreContract("libSQL via the dev/test bridge", open);
credentialStoreContract("libSQL via the dev/test bridge", open);

describe("audit log", () => {
  it("is append-only: the database refuses updates and deletes", async () => {
    const { accounts } = open();
    const citizen = await accounts.register(sampleCitizen(), { actor: "system" });
    const sql = accountsTransport(configFrom(testEnv), testEnv);
    await expect(
      sql.query({
        sql: "UPDATE audit_log SET event = 'x' WHERE citizen_id = ?",
        params: [citizen.id],
        method: "run",
      }),
    ).rejects.toThrow(/append-only/);
    await expect(
      sql.query({
        sql: "DELETE FROM audit_log WHERE citizen_id = ?",
        params: [citizen.id],
        method: "run",
      }),
    ).rejects.toThrow(/append-only/);
  });

  it("a batch is atomic: when one statement fails, none applies", async () => {
    const { audit } = open();
    const sql = accountsTransport(configFrom(testEnv), testEnv);
    const marker = `batch-${Date.now()}`;
    await expect(
      sql.batch([
        {
          sql: "INSERT INTO audit_log (at, event, actor, login_id) VALUES (1, 'x', 'system', ?)",
          params: [marker],
          method: "run",
        },
        { sql: "INSERT INTO no_such_table VALUES (1)", params: [], method: "run" },
      ]),
    ).rejects.toThrow();
    expect(await audit.list({ loginId: marker })).toEqual([]);
  });
});
