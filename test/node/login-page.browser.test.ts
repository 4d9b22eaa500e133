/**
 * The authorization flow in a real browser (Debian's Chromium through playwright-core): the
 * agency sends the citizen to /authorize, the login page on Llave's origin takes the document,
 * the PIN from the outbox, and the browser lands on the agency's redirect URI with `code`,
 * `state` and `iss`; a second request is answered by the single sign-on session. This is what
 * caught the browser-only rules a Node client does not apply: `form-action` also covers the
 * redirect after a form post, and `Referrer-Policy: no-referrer` makes form posts send
 * `Origin: null`.
 */
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CITIZENS } from "../../scripts/lib/seed.ts";
import { type RunningStack, runningStack } from "./running-stack.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

let stack: RunningStack;
let browser: Browser;
let agency: Server;
let agencyOrigin: string;
const callbacks: URL[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium`);
  // The agency's site: records the callbacks it receives.
  agency = createServer((req, res) => {
    const url = new URL(req.url ?? "/", agencyOrigin);
    if (url.pathname === "/callback") callbacks.push(url);
    res.writeHead(200, { "content-type": "text/html" }).end("<h1>Agency</h1>");
  });
  await new Promise<void>((r) => agency.listen(0, "127.0.0.1", r));
  agencyOrigin = `http://127.0.0.1:${(agency.address() as AddressInfo).port}`;
  stack = await runningStack();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-sync"],
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.dispose();
  agency?.close();
});

describe("login page in Chromium", () => {
  it("logs a citizen in and returns to the agency, then answers from the session", async () => {
    const client = await stack.registerClient({
      name: "Ayuntamiento de Prueba",
      redirectUris: [`${agencyOrigin}/callback`],
      scopes: ["openid", "profile"],
    });
    const authorize = (state: string) =>
      `${stack.issuer}/authorize?${new URLSearchParams({
        response_type: "code",
        client_id: client.id,
        redirect_uri: `${agencyOrigin}/callback`,
        scope: "openid profile",
        state,
        code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        code_challenge_method: "S256",
      })}`;

    // Without ui_locales the page follows Accept-Language.
    const page = await (await browser.newContext({ locale: "es-ES" })).newPage();
    await page.goto(authorize("first"));
    expect(new URL(page.url()).pathname).toMatch(/^\/login\//);
    expect(await page.textContent("h1")).toContain("Ayuntamiento de Prueba");

    const javier = DEMO_CITIZENS[1];
    if (!javier) throw new Error("no demo citizen");
    const before = stack.outbox.entries.at(-1)?.id ?? 0;
    await page.getByLabel("Número de DNI o NIE").fill(javier.documentNumber);
    await page.getByLabel("Fecha de validez del DNI").fill(javier.contrastValue);
    await page.getByRole("button", { name: "Obtener PIN" }).click();
    // The login app asks for the PIN in the citizen app first.
    await page.getByLabel("PIN", { exact: true }).fill(await stack.pinFor(javier.id ?? "", before));
    await page.getByRole("button", { name: "Acceder" }).click();
    await page.waitForURL(/\/callback\?.*state=first/);

    const first = callbacks.at(-1);
    expect(first?.searchParams.get("state")).toBe("first");
    expect(first?.searchParams.get("iss")).toBe(stack.issuer);
    expect(first?.searchParams.get("code")).toMatch(/^[0-9a-f]{64}\./);

    await page.goto(authorize("second"));
    await page.waitForURL(/\/callback\?.*state=second/);
    expect(callbacks.at(-1)?.searchParams.get("state")).toBe("second");
    expect(callbacks.at(-1)?.searchParams.get("code")).not.toBe(first?.searchParams.get("code"));
  }, 60_000);
});
