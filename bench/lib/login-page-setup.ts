/**
 * What the login page benchmark runs against: the local stack as `npm run dev` starts it
 * (scripts/lib/stack.ts: the bundle in workerd through Miniflare, an embedded accounts
 * database migrated and seeded with the demo citizens and the demo client, fresh secrets, the
 * dev outbox), and the demo agency site (demo/agency.ts) on a free port, with a client
 * registered through the admin API whose redirect URI and frame origin are that port's.
 */
import { join } from "node:path";
import type { Client as LibsqlClient } from "@libsql/client";
import type { Miniflare } from "miniflare";
import { demoAgency } from "../../demo/agency.ts";
import { freePort } from "../../scripts/lib/free-port.ts";
import { createOutbox } from "../../scripts/lib/outbox.ts";
import { generateSecrets } from "../../scripts/lib/secrets.ts";
import { DEMO_CLIENT, seedDemoCitizens, seedDemoClient } from "../../scripts/lib/seed.ts";
import { startStack } from "../../scripts/lib/stack.ts";
import { serveWebHandler, type WebHandler, type WebServer } from "../../scripts/lib/web-server.ts";
import { newClientSecret } from "../../worker/src/crypto/client-secret.ts";
import { cryptoRandom } from "../../worker/src/crypto/random.ts";
import { FunctionalError } from "./http.ts";
import { type Bundle, openBenchAccounts, snapshotBundle } from "./setup.ts";

export type LoginPageStack = {
  issuer: string;
  bundle: Bundle;
  /** The seeded demo client, for the full-page login (its redirect URI is never followed). */
  demoClient: { id: string; redirectUri: string };
  /** The demo agency site, whose pages embed `<llave-login>`. */
  agencyOrigin: string;
  agencyClientId: string;
  stop(): Promise<void>;
};

/** `POST /admin/clients`: the agency on `origin`, allowed to frame the login app. */
async function registerAgency(
  issuer: string,
  adminToken: string,
  origin: string,
): Promise<{ id: string; secret: string }> {
  const response = await fetch(`${issuer}/admin/clients`, {
    method: "POST",
    headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
    body: JSON.stringify({
      name: `${DEMO_CLIENT.name} (bench)`,
      redirectUris: [`${origin}/callback`],
      postLogoutRedirectUris: [`${origin}/`],
      frameOrigins: [origin],
      scopes: ["openid", "profile", "document"],
      allowedMethods: ["pin"],
    }),
  });
  const text = await response.text();
  if (response.status !== 201) {
    throw new FunctionalError(`POST /admin/clients: expected 201, got ${response.status}: ${text}`);
  }
  const body = JSON.parse(text) as { client?: { id?: unknown }; clientSecret?: unknown };
  if (typeof body.client?.id !== "string" || typeof body.clientSecret !== "string") {
    throw new FunctionalError(`POST /admin/clients answered no client id or secret: ${text}`);
  }
  return { id: body.client.id, secret: body.clientSecret };
}

/** Starts everything in `dir` (a fresh temporary folder); `stop()` ends it all. */
export async function startLoginPageStack(
  dir: string,
  bundlePath: string,
): Promise<LoginPageStack> {
  const bundle = snapshotBundle(bundlePath, dir);
  let accounts: LibsqlClient | null = null;
  let mf: Miniflare | null = null;
  let agency: WebServer | null = null;
  const stop = async () => {
    await agency?.close();
    await mf?.dispose();
    accounts?.close();
  };
  try {
    accounts = await openBenchAccounts(dir);
    await seedDemoCitizens(accounts);
    const demo = await seedDemoClient(accounts, newClientSecret(cryptoRandom));
    const secrets = generateSecrets();
    const port = await freePort();
    const issuer = `http://127.0.0.1:${port}`;
    mf = await startStack({
      bundle: bundle.path,
      port,
      host: "127.0.0.1",
      accounts,
      outbox: createOutbox(),
      vars: { ...secrets, ISSUER: issuer, DEV_MODE: "true" },
      persistTo: join(dir, "do"),
    });

    // The agency's handler needs its own origin, known once the server listens.
    let site: WebHandler = () => Promise.resolve(new Response("starting", { status: 503 }));
    agency = await serveWebHandler("demo agency", (request) => site(request));
    const agencyOrigin = `http://127.0.0.1:${agency.port}`;
    const client = await registerAgency(issuer, secrets.ADMIN_TOKEN, agencyOrigin);
    site = demoAgency({
      issuer,
      clientId: client.id,
      clientSecret: client.secret,
      origin: agencyOrigin,
    });

    return {
      issuer,
      bundle,
      demoClient: { id: demo.id, redirectUri: DEMO_CLIENT.redirectUris[0] ?? "" },
      agencyOrigin,
      agencyClientId: client.id,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
