/**
 * The one migration runner on an embedded file: applies every migration to a fresh database,
 * is a no-op when run again, and leaves the schema the adapters expect (including the audit
 * log's append-only triggers). The bridge relays results and engine errors faithfully.
 */
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Request } from "miniflare";
import { describe, expect, it } from "vitest";
import { MIGRATIONS, migrateAccounts, openAccounts } from "../../scripts/lib/accounts.ts";
import { libsqlBridge } from "../../scripts/lib/libsql-bridge.ts";
import { DEMO_CITIZENS, seedDemoCitizens, seedDemoClient } from "../../scripts/lib/seed.ts";

const fresh = async () =>
  openAccounts(`file:${join(mkdtempSync(join(tmpdir(), "llave-node-")), "a.db")}`);

describe("migrations", () => {
  it("apply to a fresh file, are idempotent, and create the expected schema", async () => {
    const client = await fresh();
    await migrateAccounts(client);
    await migrateAccounts(client);
    const objects = await client.execute(
      "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name",
    );
    const names = objects.rows.map((r) => `${r.type}:${r.name}`);
    expect(names).toEqual(
      expect.arrayContaining([
        "table:citizens",
        "table:audit_log",
        "index:citizens_document",
        "trigger:audit_log_no_update",
        "trigger:audit_log_no_delete",
        "table:clients",
        "table:client_assertions",
      ]),
    );
    const applied = await client.execute("SELECT count(*) AS n FROM __drizzle_migrations");
    const files = readdirSync(MIGRATIONS).filter((f) => f.endsWith(".sql"));
    expect(applied.rows[0]?.n).toBe(files.length);
    expect((await client.execute("PRAGMA journal_mode")).rows[0]?.[0]).toBe("wal");
    client.close();
  });

  it("the demo seed (citizens and agency) is idempotent", async () => {
    const client = await fresh();
    await migrateAccounts(client);
    await seedDemoCitizens(client);
    await seedDemoCitizens(client);
    const count = await client.execute("SELECT count(*) AS n FROM citizens");
    expect(count.rows[0]?.n).toBe(DEMO_CITIZENS.length);
    await seedDemoClient(client, "demo-secret");
    await seedDemoClient(client, "demo-secret");
    const clients = await client.execute("SELECT id FROM clients");
    expect(clients.rows.map((r) => r.id)).toEqual(["demo-agency"]);
    client.close();
  });
});

describe("libSQL bridge", () => {
  it("runs queries and batches, and relays engine errors with their code", async () => {
    const client = await fresh();
    await migrateAccounts(client);
    const bridge = libsqlBridge(client);
    const send = async (body: unknown) =>
      (await (
        await bridge(
          new Request("http://b/query", { method: "POST", body: JSON.stringify(body) }) as never,
        )
      ).json()) as {
        ok: boolean;
        results?: { rows: unknown[] }[];
        error?: { code: string; message: string };
      };
    const one = await send({
      batch: false,
      queries: [{ sql: "SELECT 1 + ? AS x", params: [41], method: "get" }],
    });
    expect(one).toEqual({ ok: true, results: [{ rows: [42] }] });
    const insert =
      "INSERT INTO citizens (id, document_type, document_number, contrast_kind, contrast_value, given_name, family_name, birth_date, registration_level, created_at, updated_at) VALUES (?, 'DNI', '12345678Z', 'dni_validity', '2030-01-01', 'a', 'b', '1990-01-01', 'basic', 0, 0)";
    const dup = await send({
      batch: true,
      queries: [
        { sql: insert, params: ["c1"], method: "run" },
        { sql: insert, params: ["c2"], method: "run" },
      ],
    });
    expect(dup.ok).toBe(false);
    expect(dup.error?.code).toBe("SQLITE_CONSTRAINT_UNIQUE");
    const count = await send({
      batch: false,
      queries: [{ sql: "SELECT count(*) FROM citizens", params: [], method: "get" }],
    });
    expect(count.results?.[0]?.rows).toEqual([0]);
    const garbage = await bridge(
      new Request("http://b/query", { method: "POST", body: "{nope" }) as never,
    );
    expect(((await garbage.json()) as { ok: boolean }).ok).toBe(false);
    client.close();
  });
});
