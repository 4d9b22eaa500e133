/**
 * The demo agency site (demo/agency.ts) next to a running worker, for browser tests: the
 * agency registered through the admin API with its redirect URI and its origin as the one
 * allowed to frame the login, served on `http://localhost:<port>` — another site than the
 * issuer's `http://127.0.0.1:<port>`, so the login frame is cross-site as it is in production.
 */
import { existsSync } from "node:fs";
import { type Browser, type BrowserContextOptions, chromium } from "playwright-core";
import { demoAgency } from "../../demo/agency.ts";
import { freePort } from "../../scripts/lib/free-port.ts";
import { serveWebHandler, type WebServer } from "../../scripts/lib/web-server.ts";
import { type RunningStack, runningStack } from "./running-stack.ts";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export type DemoSite = {
  stack: RunningStack;
  browser: Browser;
  /** The agency's origin (cross-site to the issuer). */
  origin: string;
  clientId: string;
  newPage(options?: BrowserContextOptions): ReturnType<Browser["newPage"]>;
  dispose(): Promise<void>;
};

/** `client`: more of the agency's registration metadata (e.g. its `allowedMethods`). */
export async function demoSite(
  options: { client?: Record<string, unknown> } = {},
): Promise<DemoSite> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium`);
  }
  const stack = await runningStack();
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const client = await stack.registerClient({
    name: "Ayuntamiento de Villallave (demo)",
    redirectUris: [`${origin}/callback`],
    postLogoutRedirectUris: [`${origin}/`],
    frameOrigins: [origin],
    scopes: ["openid", "profile", "document"],
    ...options.client,
  });
  const agency: WebServer = await serveWebHandler(
    "demo agency",
    demoAgency({ issuer: stack.issuer, clientId: client.id, clientSecret: client.secret, origin }),
    port,
  );
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-sync"],
  });
  return {
    stack,
    browser,
    origin,
    clientId: client.id,
    newPage: (options = {}) => browser.newPage({ locale: "es-ES", ...options }),
    async dispose() {
      await browser.close();
      await agency.close();
      await stack.dispose();
    },
  };
}
