/**
 * The stack `npm run dev` runs, as a library (scripts/dev.ts builds the browser apps, then
 * starts it and prints it; tests start it on free ports). Everything that names a port comes
 * from the two ports given here, so that PORT and AGENCY_PORT change the whole stack at once:
 * the issuer, the demo agency site, the demo client's redirect URIs and framing origin (added
 * to a client registered on other ports), and `dev-stack.json` in the data folder, from which
 * the CLIs learn where the stack listens and where its admin token is kept.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Client } from "@libsql/client";
import type { Miniflare } from "miniflare";
import { demoAgency } from "../../demo/agency.ts";
import { CONFIG_KEYS } from "../../worker/src/config.ts";
import { newClientSecret } from "../../worker/src/crypto/client-secret.ts";
import { cryptoRandom } from "../../worker/src/crypto/random.ts";
import type { NewCitizen } from "../../worker/src/storage/account-store.ts";
import type { Client as AgencyClient } from "../../worker/src/storage/client-store.ts";
import { migrateAccounts, openAccounts } from "./accounts.ts";
import { type SecretLocation, writeDevStackFile } from "./dev-stack-file.ts";
import { createOutbox } from "./outbox.ts";
import { generateSecrets, type WorkerSecrets } from "./secrets.ts";
import { demoAgencyUris, seedDemoCitizens, seedDemoClient } from "./seed.ts";
import { buildBundle, startStack } from "./stack.ts";
import { serveWebHandler, type WebServer } from "./web-server.ts";

export type DevStackOptions = {
  /** The data folder: accounts database, Durable Objects, outbox, secrets, dev-stack.json. */
  dataDir: string;
  /** The worker's port (PORT, 8787). */
  port: number;
  /** The demo agency site's port (AGENCY_PORT, 8788). */
  agencyPort: number;
  /** The shell: worker settings (docs/configuration.md) and LIBSQL_URL/LIBSQL_AUTH_TOKEN. */
  env: NodeJS.ProcessEnv;
  /** A production bundle already built (tests); built into the data folder when absent. */
  bundle?: string;
  /** Where the access log goes, one line a request: method, path (never the query), status, ms. */
  accessLog?: (line: string) => void;
};

export type DevStack = {
  /** Where the worker listens, http://localhost:PORT. */
  origin: string;
  /** The issuer it asserts: ISSUER from the shell, else `origin`. */
  issuer: string;
  /** The demo agency site, http://localhost:AGENCY_PORT. */
  agencyOrigin: string;
  /** The accounts database: a file path or a libSQL URL. */
  accountsUrl: string;
  citizens: NewCitizen[];
  demo: { client: AgencyClient; secret: string; redirectUri: string };
  adminToken: string;
  close(): Promise<void>;
};

/**
 * Dev-only secrets (pepper, salts, admin token, signing keys), made once and kept with the
 * data so that PINs, sessions and tokens in flight survive a restart. A file from an older
 * version gets the secrets it lacks added. The demo agency's client secret is kept here too;
 * it is the agency's, not a worker setting. (`npm run clients` reads ADMIN_TOKEN from here.)
 */
type DevSecrets = WorkerSecrets & { DEMO_CLIENT_SECRET: string };
const SECRETS_FILE = "dev-secrets.json";

function devSecrets(dataDir: string): DevSecrets {
  const file = resolve(dataDir, SECRETS_FILE);
  const kept: Partial<DevSecrets> = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
  const secrets: DevSecrets = {
    ...generateSecrets(),
    DEMO_CLIENT_SECRET: newClientSecret(cryptoRandom),
    ...kept,
  };
  if (Object.keys(kept).length !== Object.keys(secrets).length) {
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets;
}

/** Worker settings given in the shell (LIBSQL_* stay with Node: the bridge serves the file). */
function fromShell(env: NodeJS.ProcessEnv): Record<string, string> {
  const keys = CONFIG_KEYS.filter((k) => !k.startsWith("LIBSQL_"));
  return Object.fromEntries(
    keys.flatMap((k) => (env[k] === undefined ? [] : [[k, env[k] as string]])),
  );
}

/**
 * Opens, migrates and seeds the accounts, starts the worker (the production bundle, built
 * here) and the demo agency site, and writes dev-stack.json. The browser apps the bundle
 * serves (web-widget, citizen-app) must be built first.
 *
 * @example
 * const stack = await startDevStack({ dataDir: ".data", port: 8787, agencyPort: 8788, env: process.env });
 */
export async function startDevStack(options: DevStackOptions): Promise<DevStack> {
  const { dataDir, port, agencyPort, env } = options;
  mkdirSync(dataDir, { recursive: true });
  const bundle = options.bundle ?? buildBundle(resolve(dataDir, "build"));

  const accountsUrl = env.LIBSQL_URL ?? `file:${resolve(dataDir, "llave.db")}`;
  const accounts: Client = await openAccounts(accountsUrl, env.LIBSQL_AUTH_TOKEN);
  await migrateAccounts(accounts);
  const citizens = await seedDemoCitizens(accounts);
  const { DEMO_CLIENT_SECRET: demoSecret, ...workerSecrets } = devSecrets(dataDir);
  const agencyOrigin = `http://localhost:${agencyPort}`;
  const client = await seedDemoClient(accounts, demoSecret, agencyOrigin);

  const origin = `http://localhost:${port}`;
  const shell = fromShell(env);
  const issuer = (shell.ISSUER ?? origin).replace(/\/+$/, "");
  let mf: Miniflare;
  try {
    mf = await startStack({
      bundle,
      port,
      host: "localhost",
      accounts,
      outbox: createOutbox({ file: resolve(dataDir, "outbox.jsonl") }),
      vars: { ISSUER: origin, ...workerSecrets, ...shell, DEV_MODE: "true" },
      persistTo: resolve(dataDir, "do"),
      ...(options.accessLog ? { accessLog: options.accessLog } : {}),
    });
  } catch (error) {
    accounts.close();
    throw error;
  }

  let agency: WebServer;
  try {
    agency = await serveWebHandler(
      "demo agency",
      demoAgency({ issuer, clientId: client.id, clientSecret: demoSecret, origin: agencyOrigin }),
      agencyPort,
    );
  } catch (error) {
    await mf.dispose();
    accounts.close();
    throw error;
  }

  const adminToken: SecretLocation = shell.ADMIN_TOKEN
    ? { env: "ADMIN_TOKEN" }
    : { file: SECRETS_FILE, key: "ADMIN_TOKEN" };
  writeDevStackFile(dataDir, {
    url: origin,
    issuer,
    agency: agencyOrigin,
    clientId: client.id,
    adminToken,
  });

  return {
    origin,
    issuer,
    agencyOrigin,
    accountsUrl: accountsUrl.startsWith("file:") ? accountsUrl.slice(5) : accountsUrl,
    citizens,
    demo: {
      client,
      secret: demoSecret,
      redirectUri: demoAgencyUris(agencyOrigin).redirectUris[0] ?? "",
    },
    adminToken: shell.ADMIN_TOKEN ?? workerSecrets.ADMIN_TOKEN,
    async close() {
      await mf.dispose();
      await agency.close();
      accounts.close();
    },
  };
}
