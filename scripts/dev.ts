/**
 * `npm run dev`: the whole local stack in one command, at http://localhost:8787 (PORT
 * overrides). Builds the production bundle, opens and migrates the accounts database
 * (.data/llave.db, or LIBSQL_URL), seeds the demo citizens and the demo agency client, and
 * serves the worker in workerd with Durable Objects persisted under .data/do, and the demo
 * agency site (demo/agency.ts) at http://localhost:8788 (AGENCY_PORT), registered for the port
 * it runs on. Every request is logged on one line (method, path, status, time). Where the
 * stack listens goes to .data/dev-stack.json, where `npm run clients`, `activation-code` and
 * `call-centre` look for it. `npm run dev -- --reset` wipes .data first.
 * Any worker setting (docs/configuration.md) set in the shell is passed through, e.g.
 * `PIN_TTL_SECONDS=120 npm run dev`.
 */

import { rmSync } from "node:fs";
import { buildCitizenApp } from "../citizen-app/build.ts";
import { buildWidget } from "../web-widget/build.ts";
import { startDevStack } from "./lib/dev-stack.ts";
import { dataDir } from "./lib/dev-stack-file.ts";

const DATA = dataDir();

/** A port from the shell, or the default; anything else stops here with the reason. */
function portFrom(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === "") return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    console.error(`${name}=${value} is not a port (1-65535)`);
    process.exit(2);
  }
  return port;
}
const port = portFrom("PORT", 8787);
const agencyPort = portFrom("AGENCY_PORT", 8788);
if (port === agencyPort) {
  console.error(`PORT and AGENCY_PORT are both ${port}: the demo agency needs a port of its own`);
  process.exit(2);
}

if (process.argv.includes("--reset")) {
  rmSync(DATA, { recursive: true, force: true });
  console.log(`Wiped ${DATA}`);
}

console.log("Building the login app, <llave-login>, the citizen app and the worker bundle…");
await buildWidget();
await buildCitizenApp();
const stack = await startDevStack({
  dataDir: DATA,
  port,
  agencyPort,
  env: process.env,
  accessLog: (line) => console.log(line),
});
const { origin } = stack;

console.log(`
Llave is running at ${origin}${stack.issuer === origin ? "" : ` (issuer ${stack.issuer})`}
  Demo agency  ${stack.agencyOrigin}   (a town hall's electronic office using <llave-login>)
  Citizen app  ${origin}/app/
  API docs     ${origin}/docs
  Dev outbox   ${origin}/dev/outbox
  Accounts     ${stack.accountsUrl}

Demo citizens (document · contrast datum · mobile · registration level):`);
console.table(
  stack.citizens.map((c) => ({
    name: `${c.givenName} ${c.familyName}`,
    document: `${c.documentType} ${c.documentNumber}`,
    contrast: `${c.contrastKind} ${c.contrastValue}`,
    mobile: c.mobile ?? "",
    level: c.registrationLevel,
  })),
);
console.log(`
Demo agency client (OpenID Connect):
  Discovery      ${stack.issuer}/.well-known/openid-configuration
  client_id      ${stack.demo.client.id}
  client_secret  ${stack.demo.secret}
  redirect_uri   ${stack.demo.redirectUri}

Admin API (npm run clients, docs/api.md "Admin API and CLI"):
  ADMIN_TOKEN    ${stack.adminToken}
  The CLIs find this stack through ${DATA}/dev-stack.json.

Permanent password (docs/password.md): give an advanced-level citizen an activation code with
  npm run activation-code -- cit_demo_javier      (prints it, as for a letter)
then choose "Contraseña" on the login page and "Actívela". Citizen's area: ${origin}/account
`);
console.log(
  'README.md → "Try an agency login by hand" walks through a login. Requests are logged below. Ctrl+C stops.\n',
);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    await stack.close();
    process.exit(0);
  });
}
