/**
 * `npm run clients` against the local stack (the production bundle in workerd, as `npm run dev`
 * runs it): the CLI as an operator runs it, in a child process, talking HTTP to the admin API. Refusals come out as the
 * server's reasons with exit code 1; usage errors exit with 2 before anything is sent.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateAccounts, openAccounts, ROOT } from "../../scripts/lib/accounts.ts";
import { createOutbox } from "../../scripts/lib/outbox.ts";
import { generateSecrets } from "../../scripts/lib/secrets.ts";
import { DEMO_CLIENT, seedDemoClient } from "../../scripts/lib/seed.ts";
import { startStack } from "../../scripts/lib/stack.ts";
import { clientSecretHash } from "../../worker/src/crypto/client-secret.ts";
import { testBundle } from "./test-bundle.ts";

const CLI = resolve(ROOT, "scripts/clients.ts");
/** Each CLI run is a Node process loading TypeScript: seconds apiece on a busy 2-core machine. */
const CLI_TIMEOUT = 60_000;
const secrets = generateSecrets();
let mf: Miniflare;
let accounts: Awaited<ReturnType<typeof openAccounts>>;
let base: string;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "llave-cli-"));
  const bundle = testBundle();
  accounts = await openAccounts(`file:${join(dir, "accounts.db")}`);
  await migrateAccounts(accounts);
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

type Run = { code: number; stdout: string; stderr: string; json: () => Record<string, unknown> };

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
        done({ code, stdout, stderr, json: () => JSON.parse(stdout) });
      },
    );
  });
}

describe("npm run clients", () => {
  it(
    "creates, shows, lists, updates, disables, enables and rotates a client",
    async () => {
      const created = await cli([
        "create",
        "--id",
        "agencia-cli",
        "--name",
        "Agencia CLI",
        "--redirect-uri",
        "https://sede.agencia.example/cb",
        "--redirect-uri",
        "http://localhost:9000/cb",
        "--sector",
        "agencia.example",
        "--scope",
        "openid profile",
        "--scope",
        "email",
        "--min-acr",
        "substantial",
        "--frame-origin",
        "https://sede.agencia.example",
        "--post-logout-uri",
        "https://sede.agencia.example/",
        "--subject",
        "public",
        "--id-token-ttl",
        "600",
      ]);
      expect(created.code, created.stderr).toBe(0);
      const { client, clientSecret } = created.json() as {
        client: Record<string, unknown>;
        clientSecret: string;
      };
      expect(client).toMatchObject({
        id: "agencia-cli",
        name: "Agencia CLI",
        authMethod: "client_secret_basic",
        redirectUris: ["https://sede.agencia.example/cb", "http://localhost:9000/cb"],
        scopes: ["openid", "profile", "email"],
        minAcr: "substantial",
        subjectType: "public",
        sectorIdentifier: "agencia.example",
        idTokenTtl: 600,
      });
      expect(clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(created.stderr).toMatch(/shown only now/);

      expect((await cli(["show", "agencia-cli"])).json()).toEqual(client);
      const listed = (await cli(["list", "--all"])).json() as { clients: { id: string }[] };
      expect(listed.clients.map((c) => c.id)).toContain("agencia-cli");

      const updated = await cli([
        "update",
        "agencia-cli",
        "--name",
        "Agencia",
        "--clear",
        "frame-origin",
      ]);
      expect(updated.code, updated.stderr).toBe(0);
      expect(updated.json()).toMatchObject({ client: { name: "Agencia", frameOrigins: [] } });

      expect((await cli(["disable", "agencia-cli"])).json()).toMatchObject({
        client: { status: "disabled" },
      });
      expect((await cli(["enable", "agencia-cli"])).json()).toMatchObject({
        client: { status: "active" },
      });

      const rotated = await cli(["rotate-secret", "agencia-cli", "--grace-seconds", "60"]);
      expect(rotated.code, rotated.stderr).toBe(0);
      const { clientSecret: next, previousSecretExpiresAt } = rotated.json() as {
        clientSecret: string;
        previousSecretExpiresAt: number;
      };
      expect(next).not.toBe(clientSecret);
      expect(previousSecretExpiresAt).toBeGreaterThan(Date.now());
      expect(previousSecretExpiresAt).toBeLessThanOrEqual(Date.now() + 60_000);
    },
    CLI_TIMEOUT,
  );

  it(
    "prints the server's reasons for a refusal and exits with 1",
    async () => {
      const refused = await cli([
        "create",
        "--name",
        "Insegura",
        "--redirect-uri",
        "http://agencia.example/cb",
      ]);
      expect(refused.code).toBe(1);
      expect(refused.stdout).toBe("");
      expect(refused.stderr).toContain("Refused (400 invalid_client_metadata)");
      expect(refused.stderr).toContain("redirectUris.0: Plain http is only allowed on localhost");

      const missing = await cli(["show", "no-such-agency"]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain("404 client_not_found");

      const wrongToken = await cli(["list"], { LLAVE_ADMIN_TOKEN: "not-the-token" });
      expect(wrongToken.code).toBe(1);
      expect(wrongToken.stderr).toContain("401 unauthorized");
    },
    CLI_TIMEOUT,
  );

  it(
    "exits with 2 on a usage error, before calling the server",
    async () => {
      for (const args of [
        [],
        ["frob"],
        ["show"],
        ["list", "--bogus"],
        ["update", "x", "--clear", "name"],
      ]) {
        const run = await cli(args, { LLAVE_URL: "http://127.0.0.1:9" });
        expect(run.code, args.join(" ")).toBe(2);
        expect(run.stderr).toContain("Usage: npm run clients");
      }
    },
    CLI_TIMEOUT,
  );

  it(
    "reads the admin token that npm run dev keeps, when none is given",
    async () => {
      const data = mkdtempSync(join(tmpdir(), "llave-cli-data-"));
      writeFileSync(join(data, "dev-secrets.json"), JSON.stringify(secrets));
      const run = await cli(["list"], { LLAVE_ADMIN_TOKEN: "", LLAVE_DATA_DIR: data });
      expect(run.code, run.stderr).toBe(0);
    },
    CLI_TIMEOUT,
  );
});

describe("the demo agency seed", () => {
  it(
    "registers demo-agency once, and gives it back the dev stack's secret",
    async () => {
      const first = await seedDemoClient(accounts, "first-demo-secret");
      expect(first).toMatchObject({
        ...DEMO_CLIENT,
        secretHash: await clientSecretHash("first-demo-secret"),
      });
      expect(await seedDemoClient(accounts, "first-demo-secret")).toEqual(first);
      const again = await seedDemoClient(accounts, "second-demo-secret");
      expect(again.secretHash).toBe(await clientSecretHash("second-demo-secret"));
      expect(again.previousSecretHash).toBe(first.secretHash);
      expect(again.previousSecretExpiresAt).toBeLessThanOrEqual(Date.now());

      const shown = await cli(["show", "demo-agency"]);
      expect(shown.json()).toMatchObject({ id: "demo-agency", name: DEMO_CLIENT.name });
    },
    CLI_TIMEOUT,
  );
});
