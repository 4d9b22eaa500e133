/**
 * `npm run dev` on ports of one's own (PORT, AGENCY_PORT) works end to end: the demo agency's
 * client is registered for the agency's port — also when the data folder holds it registered
 * for another port — so the demo site can log people in; the CLIs, given nothing but the data
 * folder, find the stack where it listens; and each request is logged on one line, with the
 * path and never the query.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateAccounts, openAccounts, ROOT } from "../../scripts/lib/accounts.ts";
import { type DevStack, startDevStack } from "../../scripts/lib/dev-stack.ts";
import { freePort } from "../../scripts/lib/free-port.ts";
import { DEMO_AGENCY_ORIGIN, seedDemoClient } from "../../scripts/lib/seed.ts";
import { testBundle } from "./test-bundle.ts";

let dir: string;
let stack: DevStack;
let port: number;
let agencyPort: number;
const logged: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "llave-dev-"));
  // A data folder from an earlier `npm run dev` on the default ports.
  const earlier = await openAccounts(`file:${join(dir, "llave.db")}`);
  await migrateAccounts(earlier);
  await seedDemoClient(earlier, "an-earlier-demo-secret", DEMO_AGENCY_ORIGIN);
  earlier.close();

  port = await freePort();
  agencyPort = await freePort();
  stack = await startDevStack({
    dataDir: dir,
    port,
    agencyPort,
    env: {},
    bundle: testBundle(),
    accessLog: (line) => logged.push(line),
  });
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

type Run = { code: number; stdout: string; stderr: string };

/** A CLI of package.json, in a child process that knows only the stack's data folder. */
function cli(script: string, args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [resolve(ROOT, "scripts", script), ...args],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? "", LLAVE_DATA_DIR: dir } },
      (error, stdout, stderr) => {
        done({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

describe("npm run dev on other ports", () => {
  it("registers the demo agency for the port its site runs on, keeping the earlier ones", async () => {
    const agency = `http://localhost:${agencyPort}`;
    expect(stack.agencyOrigin).toBe(agency);
    expect(stack.demo.redirectUri).toBe(`${agency}/callback`);
    expect(stack.demo.client.redirectUris).toEqual(
      expect.arrayContaining([
        `${agency}/callback`,
        `http://127.0.0.1:${agencyPort}/callback`,
        `${DEMO_AGENCY_ORIGIN}/callback`,
      ]),
    );
    expect(stack.demo.client.frameOrigins).toContain(agency);
    expect(stack.demo.client.postLogoutRedirectUris).toContain(`${agency}/`);
  });

  it("lets the demo site start a login: /authorize accepts its redirect URI", async () => {
    const service = await fetch(`${stack.agencyOrigin}/services/padron?mode=page`, {
      redirect: "manual",
    });
    expect(service.status).toBe(302);
    const authorize = new URL(service.headers.get("location") ?? "");
    expect(authorize.origin).toBe(`http://localhost:${port}`);
    expect(authorize.searchParams.get("redirect_uri")).toBe(`${stack.agencyOrigin}/callback`);

    const answer = await fetch(authorize, { redirect: "manual" });
    expect(answer.status).toBe(302);
    expect(answer.headers.get("location")).toMatch(/\/login\/[\w-]+$/);
  });

  it("tells the CLIs where it is: the data folder is all they need", async () => {
    const written = JSON.parse(readFileSync(join(dir, "dev-stack.json"), "utf8"));
    expect(written).toEqual({
      url: `http://localhost:${port}`,
      issuer: `http://localhost:${port}`,
      agency: `http://localhost:${agencyPort}`,
      clientId: "demo-agency",
      adminToken: { file: "dev-secrets.json", key: "ADMIN_TOKEN" },
    });

    const [shown, code, call] = await Promise.all([
      cli("clients.ts", ["show", "demo-agency"]),
      cli("activation-code.ts", ["cit_demo_javier"]),
      cli("call-centre.ts", ["87654321X", "Llamada de prueba"]),
    ]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(JSON.parse(shown.stdout).redirectUris).toContain(`${stack.agencyOrigin}/callback`);
    expect(code.code, code.stderr).toBe(0);
    expect(code.stdout).toMatch(/^Activation code for cit_demo_javier: [A-Z0-9-]+ /);
    // The demo agency's credentials work at this issuer; Javier has no app, so the answer is
    // the server's own refusal, not a connection error or invalid_client.
    expect(call.code).toBe(1);
    expect(call.stderr).toContain("No login: unknown_user_id");
  }, 60_000);

  it("logs each request on one line: method, path, status, time, never the query", async () => {
    const state = "state-that-must-not-be-logged";
    await fetch(`${stack.origin}/authorize?client_id=demo-agency&state=${state}`, {
      redirect: "manual",
    });
    await fetch(`${stack.origin}/.well-known/openid-configuration`);
    // Miniflare writes the line after the answer, through its loopback: give it a moment.
    const both = () =>
      ["GET /authorize", "GET /.well-known/"].every((p) => logged.some((l) => l.startsWith(p)));
    for (let i = 0; i < 40 && !both(); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(logged).toContainEqual(expect.stringMatching(/^GET \/authorize 400 .*\(\d+ms\)$/));
    expect(logged).toContainEqual(
      expect.stringMatching(/^GET \/\.well-known\/openid-configuration 200 .*\(\d+ms\)$/),
    );
    expect(logged.filter((line) => line.includes("?") || line.includes(state))).toEqual([]);
    expect(logged.every((line) => !line.includes("\n"))).toBe(true);
  });
});
