/**
 * Two test projects:
 *  - "worker": inside workerd through @cloudflare/vitest-plugin, with the real Durable Objects
 *    from wrangler.toml and the real libSQL engine (a fresh embedded database, migrated with
 *    the project's migrations, reached through the same LIBSQL_BRIDGE as `npm run dev`);
 *  - "sdk": @llave/sdk's unit tests (an in-process provider behind its fetch hook);
 *  - "node": tooling that runs in Node (migrations, the bridge, the local stack), and the
 *    real relying parties (openid-client, the SDK, Chromium) against the running worker.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { buildCitizenApp } from "./citizen-app/build.ts";
import { migrateAccounts, openAccounts } from "./scripts/lib/accounts.ts";
import { libsqlBridge } from "./scripts/lib/libsql-bridge.ts";
import { createOutbox } from "./scripts/lib/outbox.ts";
import { generateSecrets } from "./scripts/lib/secrets.ts";
import { buildWidget } from "./web-widget/build.ts";

// The worker serves the login app, <llave-login> and the citizen app from its bundle: build
// them first.
await buildWidget();
await buildCitizenApp();

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [
          cloudflareTest(async () => {
            const dir = mkdtempSync(join(tmpdir(), "llave-test-"));
            const accounts = await openAccounts(`file:${join(dir, "accounts.db")}`);
            await migrateAccounts(accounts);
            return {
              wrangler: { configPath: "./wrangler.toml" },
              miniflare: {
                bindings: {
                  ISSUER: "https://llave.test",
                  DEV_MODE: "true",
                  ...generateSecrets(),
                },
                serviceBindings: {
                  LIBSQL_BRIDGE: libsqlBridge(accounts),
                  DEV_OUTBOX: createOutbox().handler,
                },
              },
            };
          }),
        ],
        test: {
          name: "worker",
          // Argon2id at OWASP parameters takes seconds per hash when 2 cores are shared: the
          // default 5 s failed password tests on a busy machine (tests never wait on time:
          // they move the injected clock, so a longer limit hides no sleep).
          testTimeout: 30_000,
          include: [
            "worker/src/**/*.test.ts",
            "test/worker/**/*.test.ts",
            "test/contracts/**/*.test.ts",
            "test/conformance/**/*.test.ts",
            // The SDK's unit tests once more, inside workerd: it must run unchanged on Workers.
            "sdk/src/**/*.test.ts",
          ],
        },
      },
      {
        test: {
          name: "sdk",
          environment: "node",
          include: ["sdk/src/**/*.test.ts"],
        },
      },
      {
        test: {
          name: "node",
          environment: "node",
          include: ["test/node/**/*.test.ts"],
          // Tests here start workerd, Node CLIs and Chromium: seconds each on a busy 2-core
          // machine, where the default 5 s failed them (they wait on processes, never on time).
          testTimeout: 60_000,
          // One production bundle for every file that starts a stack, not one build each.
          globalSetup: ["test/node/bundle.global-setup.ts"],
        },
      },
    ],
  },
});
