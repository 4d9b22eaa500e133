/**
 * `npm run unlock` against the local stack (the production bundle in workerd, as `npm run dev`
 * runs it), in a child process as an operator runs it: it lifts a citizen's lockouts by
 * document number through POST /admin/unlocks, which the audit log records with the operator
 * and the reason. Refusals exit with 1 and the server's reason; usage errors (no document, no
 * reason) exit with 2 before anything is sent.
 */
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateAccounts, openAccounts, ROOT } from "../../scripts/lib/accounts.ts";
import { createOutbox } from "../../scripts/lib/outbox.ts";
import { generateSecrets } from "../../scripts/lib/secrets.ts";
import { DEMO_CITIZENS, seedDemoCitizens } from "../../scripts/lib/seed.ts";
import { buildBundle, startStack } from "../../scripts/lib/stack.ts";

const CLI = resolve(ROOT, "scripts/unlock.ts");
const secrets = generateSecrets();
let mf: Miniflare;
let accounts: Awaited<ReturnType<typeof openAccounts>>;
let base: string;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "llave-unlock-"));
  const bundle = buildBundle(join(dir, "build"));
  accounts = await openAccounts(`file:${join(dir, "accounts.db")}`);
  await migrateAccounts(accounts);
  await seedDemoCitizens(accounts);
  mf = await startStack({
    bundle,
    port: 0,
    accounts,
    outbox: createOutbox(),
    vars: { ISSUER: "https://llave.test", DEV_MODE: "true", ...secrets },
  });
  base = (await mf.ready).origin;
}, 120_000);

afterAll(async () => {
  await mf?.dispose();
  accounts?.close();
});

type Run = { code: number; stdout: string; stderr: string };

/** Runs the CLI with only the environment given (plus PATH), never the test's own. */
function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? "",
          LLAVE_URL: base,
          LLAVE_ADMIN_TOKEN: secrets.ADMIN_TOKEN,
          ...env,
        },
      },
      (error, stdout, stderr) => {
        const code = error ? Number((error as { code?: unknown }).code ?? 1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

describe("npm run unlock", () => {
  it("unlocks a citizen by document number, audited with the operator and the reason", async () => {
    const citizen = DEMO_CITIZENS[0];
    if (!citizen) throw new Error("no demo citizen");
    const reason = "Identified at the office with her DNI";
    const run = await cli([citizen.documentNumber, "--reason", reason], {
      LLAVE_OPERATOR: "officer-ana",
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Unlocked ${citizen.id}`);
    const rows = await accounts.execute({
      sql: "SELECT actor, detail FROM audit_log WHERE citizen_id = ? AND event = 'citizen.unlocked'",
      args: [citizen.id ?? ""],
    });
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0]?.actor).toBe("operator");
    expect(JSON.parse(String(rows.rows[0]?.detail))).toMatchObject({
      operator: "officer-ana",
      reason,
    });
  });

  it("refuses an unknown document with the server's reason, and usage errors before sending", async () => {
    const unknown = await cli(["00000000T", "--reason", "a reason", "--operator", "op"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^Refused: /);
    for (const args of [
      [],
      ["00000000T"],
      ["00000000T", "--reason", "  "],
      ["a", "b", "--reason", "r"],
    ]) {
      const run = await cli(args);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr).toContain("Usage: npm run unlock");
    }
  });
});
