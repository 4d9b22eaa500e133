/**
 * The demo agency site (demo/agency.ts) next to a running worker, for browser tests: the
 * agency registered through the admin API with its redirect URI and its origin as the one
 * allowed to frame the login, served on `http://localhost:<port>` — another site than the
 * issuer's `http://127.0.0.1:<port>`, so the login frame is cross-site as it is in production.
 */
import { existsSync } from "node:fs";
import { type Browser, type BrowserContextOptions, chromium } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { demoAgency } from "../../demo/agency.ts";
import { freePort } from "../../scripts/lib/free-port.ts";
import { serveWebHandler, type WebServer } from "../../scripts/lib/web-server.ts";
import { format, type MessageKey } from "../../web-widget/src/i18n/catalog.ts";
import { CATALOGS } from "../../web-widget/src/i18n/catalogs.ts";
import { type RunningStack, runningStack } from "./running-stack.ts";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** The demo agency's services (demo/agency.ts): one needs `low`, the other `substantial`. */
export const LOW = "padron";
export const SUBSTANTIAL = "ayuda-alquiler";
export const LOA = "http://eidas.europa.eu/LoA/";

/** The login page's Spanish texts, as the login app shows them (placeholders filled in). */
export const loginText = (key: MessageKey, values?: Record<string, string | number>) =>
  format(CATALOGS.es[key], values);

/**
 * One demo site for a test file: started before its tests (handed to `use`), disposed after.
 *
 * @example
 * let site: DemoSite;
 * useDemoSite({ client: { allowedMethods: ["pin", "mobile"] } }, (s) => { site = s; });
 */
export function useDemoSite(
  options: Parameters<typeof demoSite>[0],
  use: (site: DemoSite) => void,
): void {
  let started: DemoSite | undefined;
  beforeAll(async () => {
    started = await demoSite(options);
    use(started);
  }, 180_000);
  afterAll(async () => {
    await started?.dispose();
  });
}

export type DemoSite = {
  stack: RunningStack;
  browser: Browser;
  /** The agency's origin (cross-site to the issuer). */
  origin: string;
  clientId: string;
  newPage(options?: BrowserContextOptions): ReturnType<Browser["newPage"]>;
  dispose(): Promise<void>;
};

/**
 * `client`: more of the agency's registration metadata (e.g. its `allowedMethods`); `vars`:
 * the worker's configuration on top of the dev stack's (worker/src/config.ts).
 */
export async function demoSite(
  options: { client?: Record<string, unknown>; vars?: Record<string, string> } = {},
): Promise<DemoSite> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium`);
  }
  const stack = await runningStack(options.vars ? { vars: options.vars } : {});
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
