/**
 * `npm run dev`: the whole local stack in one command, at http://localhost:8787 (PORT
 * overrides). Builds the production bundle, opens and migrates the accounts database
 * (.data/llave.db, or LIBSQL_URL), seeds the demo citizens and the demo agency client, and
 * serves the worker in workerd with Durable Objects persisted under .data/do, and the demo
 * agency site (demo/agency.ts) at http://localhost:8788 (AGENCY_PORT). `npm run dev -- --reset`
 * wipes .data first.
 * Any worker setting (docs/configuration.md) set in the shell is passed through, e.g.
 * `PIN_TTL_SECONDS=120 npm run dev`.
 */

import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { buildCitizenApp } from "../citizen-app/build.ts";
import { demoAgency } from "../demo/agency.ts";
import { buildWidget } from "../web-widget/build.ts";
import { CONFIG_KEYS } from "../worker/src/config.ts";
import { newClientSecret } from "../worker/src/crypto/client-secret.ts";
import { cryptoRandom } from "../worker/src/crypto/random.ts";
import { migrateAccounts, openAccounts, ROOT } from "./lib/accounts.ts";
import { createOutbox } from "./lib/outbox.ts";
import { generateSecrets, type WorkerSecrets } from "./lib/secrets.ts";
import { DEMO_CLIENT, seedDemoCitizens, seedDemoClient } from "./lib/seed.ts";
import { buildBundle, startStack } from "./lib/stack.ts";
import { serveWebHandler } from "./lib/web-server.ts";

const DATA = resolve(ROOT, process.env.LLAVE_DATA_DIR ?? ".data");
const port = Number(process.env.PORT ?? 8787);

if (process.argv.includes("--reset")) {
  rmSync(DATA, { recursive: true, force: true });
  console.log(`Wiped ${DATA}`);
}
mkdirSync(DATA, { recursive: true });

/**
 * Dev-only secrets (pepper, salts, admin token, signing keys), made once and kept with the
 * data so that PINs, sessions and tokens in flight survive a restart. A file from an older
 * version gets the secrets it lacks added. The demo agency's client secret is kept here too;
 * it is the agency's, not a worker setting. (`npm run clients` reads ADMIN_TOKEN from here.)
 */
type DevSecrets = WorkerSecrets & { DEMO_CLIENT_SECRET: string };

function devSecrets(): DevSecrets {
  const file = resolve(DATA, "dev-secrets.json");
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
function fromShell(): Record<string, string> {
  const keys = CONFIG_KEYS.filter((k) => !k.startsWith("LIBSQL_"));
  return Object.fromEntries(
    keys.flatMap((k) => (process.env[k] === undefined ? [] : [[k, process.env[k] as string]])),
  );
}

console.log("Building the login app, <llave-login>, the citizen app and the worker bundle…");
await buildWidget();
await buildCitizenApp();
const bundle = buildBundle(resolve(DATA, "build"));

const url = process.env.LIBSQL_URL ?? `file:${resolve(DATA, "llave.db")}`;
const accounts = await openAccounts(url, process.env.LIBSQL_AUTH_TOKEN);
await migrateAccounts(accounts);
const citizens = await seedDemoCitizens(accounts);
const { DEMO_CLIENT_SECRET: demoSecret, ...workerSecrets } = devSecrets();
const demo = await seedDemoClient(accounts, demoSecret);

const origin = `http://localhost:${port}`;
const mf = await startStack({
  bundle,
  port,
  host: "localhost",
  accounts,
  outbox: createOutbox({ file: resolve(DATA, "outbox.jsonl") }),
  vars: { ISSUER: origin, ...workerSecrets, ...fromShell(), DEV_MODE: "true" },
  persistTo: resolve(DATA, "do"),
});

const agencyPort = Number(process.env.AGENCY_PORT ?? 8788);
const agencyOrigin = `http://localhost:${agencyPort}`;
const agency = await serveWebHandler(
  "demo agency",
  demoAgency({ issuer: origin, clientId: demo.id, clientSecret: demoSecret, origin: agencyOrigin }),
  agencyPort,
);

console.log(`
Llave is running at ${origin}
  Demo agency  ${agencyOrigin}   (a town hall's electronic office using <llave-login>)
  Citizen app  ${origin}/app/
  API docs     ${origin}/docs
  Dev outbox   ${origin}/dev/outbox
  Accounts     ${url.startsWith("file:") ? url.slice(5) : url}

Demo citizens (document · contrast datum · mobile · registration level):`);
console.table(
  citizens.map((c) => ({
    name: `${c.givenName} ${c.familyName}`,
    document: `${c.documentType} ${c.documentNumber}`,
    contrast: `${c.contrastKind} ${c.contrastValue}`,
    mobile: c.mobile ?? "",
    level: c.registrationLevel,
  })),
);
console.log(`
Demo agency client (OpenID Connect):
  Discovery      ${origin}/.well-known/openid-configuration
  client_id      ${demo.id}
  client_secret  ${demoSecret}
  redirect_uri   ${DEMO_CLIENT.redirectUris[0]}

Admin API (npm run clients, docs/api.md "Admin API and CLI"):
  ADMIN_TOKEN    ${fromShell().ADMIN_TOKEN ?? workerSecrets.ADMIN_TOKEN}

Permanent password (docs/password.md): give an advanced-level citizen an activation code with
  npm run activation-code -- cit_demo_javier      (prints it, as for a letter)
then choose "Contraseña" on the login page and "Actívela". Citizen's area: ${origin}/account
`);
console.log('README.md → "Try an agency login by hand" walks through a login. Ctrl+C stops.');

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    await mf.dispose();
    await agency.close();
    accounts.close();
    process.exit(0);
  });
}
