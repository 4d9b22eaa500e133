/**
 * The production bundle, exactly as `wrangler deploy` builds it, running in workerd with dev
 * mode off: the dev endpoints do not exist, and a PIN reaches the citizen through the real
 * SMS gateway adapter (here a gateway on loopback that records what it is sent). And the local
 * stack built on the same bundle keeps its Durable Objects across a restart.
 */

import { mkdtempSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateAccounts, openAccounts } from "../../scripts/lib/accounts.ts";
import { CookieJar } from "../../scripts/lib/cookie-jar.ts";
import { createOutbox } from "../../scripts/lib/outbox.ts";
import { generateSecrets } from "../../scripts/lib/secrets.ts";
import {
  DEMO_CITIZENS,
  DEMO_CLIENT,
  seedDemoCitizens,
  seedDemoClient,
} from "../../scripts/lib/seed.ts";
import { startStack } from "../../scripts/lib/stack.ts";
import { testBundle } from "./test-bundle.ts";

type Sent = {
  auth: string | undefined;
  body: { to: string; kind: string; text: string; idempotencyKey: string };
};

const sent: Sent[] = [];
const gateway = createServer(async (req: IncomingMessage, res) => {
  let raw = "";
  for await (const chunk of req) raw += chunk;
  sent.push({ auth: req.headers.authorization, body: JSON.parse(raw) });
  res.writeHead(202).end();
});

let mf: Miniflare;
let base: string;
let bundle: string;
let dir: string;

beforeAll(async () => {
  await new Promise<void>((r) => gateway.listen(0, "127.0.0.1", r));
  dir = mkdtempSync(join(tmpdir(), "llave-prod-"));
  bundle = testBundle();
  const accounts = await openAccounts(`file:${join(dir, "accounts.db")}`);
  await migrateAccounts(accounts);
  await seedDemoCitizens(accounts);
  await seedDemoClient(accounts, "demo-client-secret-for-the-bundle-test-0123456789");
  const port = 0;
  mf = await startStack({
    bundle,
    port,
    accounts,
    vars: {
      ISSUER: "https://llave.test",
      DEV_MODE: "false",
      ...generateSecrets(),
      SMS_GATEWAY_URL: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`,
      SMS_GATEWAY_TOKEN: "gateway-secret",
    },
  });
  base = (await mf.ready).origin;
}, 120_000);

afterAll(async () => {
  await mf?.dispose();
  gateway.close();
});

const browser = new CookieJar();

const post = async (path: string, body?: unknown) => {
  const response = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: browser.header },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  browser.store(response.headers.getSetCookie());
  return response;
};

/** A login the way a browser gets one: the demo agency's /authorize hands over to it. */
async function startLogin(origin = base, jar = browser): Promise<string> {
  const query = new URLSearchParams({
    response_type: "code",
    client_id: DEMO_CLIENT.id,
    redirect_uri: DEMO_CLIENT.redirectUris[0] ?? "",
    scope: "openid",
    code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    code_challenge_method: "S256",
  });
  const response = await fetch(`${origin}/authorize?${query}`, {
    redirect: "manual",
    headers: { cookie: jar.header },
  });
  jar.store(response.headers.getSetCookie());
  const loginId = /\/login\/([A-Za-z0-9_-]{22})$/.exec(response.headers.get("location") ?? "");
  if (!loginId?.[1]) throw new Error(`authorize: ${response.status}`);
  return loginId[1];
}

describe("production bundle", () => {
  it("has no dev endpoints", async () => {
    const response = await fetch(`${base}/dev/outbox?format=json`);
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
  });

  it("takes app-channel PINs without a push gateway: they go into the app's inbox", async () => {
    const lucia = DEMO_CITIZENS[0];
    if (!lucia) throw new Error("no demo citizen");
    const loginId = await startLogin();
    const response = await post(`/api/logins/${loginId}/pin`, {
      document: lucia.documentNumber,
      contrast: { value: "07/05/2031" },
      channel: "app",
    });
    expect(response.status).toBe(202);
    await new Promise((r) => setTimeout(r, 200));
    // No gateway got it: the PIN waits in the app's inbox (the SMS gateway is the only one set).
    expect(sent).toHaveLength(0);
  });

  it("completes a PIN login with the PIN delivered through the SMS gateway", async () => {
    const lucia = DEMO_CITIZENS[0];
    if (!lucia) throw new Error("no demo citizen");
    const loginId = await startLogin();
    const asked = await post(`/api/logins/${loginId}/pin`, {
      document: lucia.documentNumber.toLowerCase(),
      contrast: { value: "07/05/2031" },
      channel: "sms",
    });
    expect(asked.status).toBe(202);
    for (let i = 0; i < 100 && sent.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(sent).toHaveLength(1);
    const [message] = sent;
    expect(message?.auth).toBe("Bearer gateway-secret");
    expect(message?.body).toMatchObject({ to: lucia.mobile, kind: "pin" });
    const pin = /\d{6}/.exec(message?.body.text ?? "")?.[0];
    const verified = await post(`/api/logins/${loginId}/pin/verify`, { pin });
    expect(verified.status).toBe(200);
    expect(await verified.json()).toMatchObject({
      citizenId: lucia.id,
      acr: "http://eidas.europa.eu/LoA/low",
    });
  });
});

describe("local stack", () => {
  it("keeps Durable Object state across a restart when given a data folder", async () => {
    const accounts = await openAccounts(`file:${join(dir, "dev.db")}`);
    await migrateAccounts(accounts);
    await seedDemoClient(accounts, "demo-client-secret-for-the-bundle-test-0123456789");
    const options = {
      bundle,
      port: 0,
      accounts,
      outbox: createOutbox(),
      vars: {
        ISSUER: "https://llave.test",
        DEV_MODE: "true",
        ...generateSecrets(),
      },
      persistTo: join(dir, "do"),
    };
    let stack = await startStack(options);
    const first = (await stack.ready).origin;
    const jar = new CookieJar();
    const loginId = await startLogin(first, jar);
    await stack.dispose();
    stack = await startStack(options);
    const again = await fetch(`${(await stack.ready).origin}/api/logins/${loginId}`, {
      headers: { cookie: jar.header },
    });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ loginId, status: "started" });
    await stack.dispose();
    accounts.close();
  });
});
