/**
 * The login experience in Chromium (issue 6, "Tests in a real browser"): a citizen logs in on
 * the demo agency site through `<llave-login>` in redirect and in event mode, with the keyboard
 * alone, and full page; axe-core finds no serious or critical violation on any screen in two
 * languages; framing from an unregistered origin is refused and forged messages are ignored;
 * every language renders its first screen completely. The run writes the README's
 * screenshots of the element (docs/screenshots/).
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/lib/accounts.ts";
import { DEMO_CITIZENS } from "../../scripts/lib/seed.ts";
import { serveWebHandler } from "../../scripts/lib/web-server.ts";
import { LOCALES } from "../../web-widget/src/i18n/catalog.ts";
import { CATALOGS } from "../../web-widget/src/i18n/catalogs.ts";
import { seriousViolations } from "./axe.browser.ts";
import { type DemoSite, demoSite } from "./demo-site.ts";

const SCREENSHOTS = join(ROOT, "docs/screenshots");
const javier = (() => {
  const citizen = DEMO_CITIZENS[1];
  if (!citizen?.id) throw new Error("no demo citizen");
  return { ...citizen, id: citizen.id };
})();

let site: DemoSite;

beforeAll(async () => {
  site = await demoSite();
  mkdirSync(SCREENSHOTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await site?.dispose();
});

/** The login app's frame inside `<llave-login>`, once its first screen is there. */
async function loginFrame(page: Page): Promise<Frame> {
  await page.frameLocator("llave-login iframe").locator("#document").waitFor();
  const frame = page.frames().find((f) => new URL(f.url()).pathname.startsWith("/login/"));
  if (!frame) throw new Error("no login frame");
  return frame;
}

const lastMessageId = () => site.stack.outbox.entries.at(-1)?.id ?? 0;

/** Document and validity date, Get PIN, then the PIN sent to the citizen's app. */
async function logInWithPin(frame: Frame | Page): Promise<void> {
  const before = lastMessageId();
  await frame.getByLabel("Número de DNI o NIE").fill(javier.documentNumber);
  await frame.getByLabel("Fecha de validez del DNI").fill(javier.contrastValue);
  await frame.getByRole("button", { name: "Obtener PIN" }).click();
  await frame.getByLabel("PIN", { exact: true }).fill(await site.stack.pinFor(javier.id, before));
  await frame.getByRole("button", { name: "Acceder" }).click();
}

async function expectLoggedIn(page: Page, service: string, acr: string): Promise<void> {
  await page.waitForURL(`${site.origin}/services/${service}`);
  const claims = page.locator("#claims");
  // In redirect mode the page is already at that URL: the whole login happens in this wait.
  await expect
    .poll(() => claims.textContent(), { timeout: 10_000 })
    .toContain(javier.documentNumber);
  expect(await claims.textContent()).toContain(`http://eidas.europa.eu/LoA/${acr}`);
}

describe("<llave-login> on the demo agency site", () => {
  it("logs in in redirect mode and lands on the service with the verified claims", async () => {
    const page = await site.newPage();
    await page.addInitScript(() =>
      document.addEventListener("llave-ready", () => {
        document.documentElement.dataset.llaveReady = "yes";
      }),
    );
    await page.goto(`${site.origin}/services/ayuda-alquiler`);
    await page.locator("html[data-llave-ready=yes]").waitFor();
    const frame = await loginFrame(page);
    // Named in the page's language (from the catalogs, put into the element by the build).
    expect(await page.locator("llave-login iframe").getAttribute("title")).toBe(
      CATALOGS.es["frame.title"],
    );
    // The frame is sized to its content by the element.
    expect((await page.locator("llave-login iframe").boundingBox())?.height).toBeGreaterThan(400);
    await logInWithPin(frame);
    await expectLoggedIn(page, "ayuda-alquiler", "substantial");
    await page.context().close();
  }, 60_000);

  it("logs in in event mode: the page's script gets the code and its backend redeems it", async () => {
    const page = await site.newPage();
    await page.goto(`${site.origin}/services/padron?mode=event`);
    const events: string[] = [];
    await page.exposeFunction("recordEvent", (type: string) => events.push(type));
    await page.evaluate(() => {
      const element = document.querySelector("llave-login");
      for (const type of ["llave-success", "llave-error", "llave-cancel"] as const) {
        element?.addEventListener(type, () =>
          (window as unknown as { recordEvent(t: string): void }).recordEvent(type),
        );
      }
    });
    await logInWithPin(await loginFrame(page));
    await expectLoggedIn(page, "padron", "substantial");
    expect(events).toEqual(["llave-success"]);
    await page.context().close();
  }, 60_000);

  it("can be completed with the keyboard alone", async () => {
    const page = await site.newPage();
    await page.goto(`${site.origin}/services/padron`);
    const frame = await loginFrame(page);
    const focused = () => frame.evaluate(() => document.activeElement?.id ?? "");
    const tabTo = async (check: () => Promise<boolean>) => {
      for (let i = 0; i < 20 && !(await check()); i++) await page.keyboard.press("Tab");
      expect(await check()).toBe(true);
    };
    await tabTo(async () => (await focused()) === "document");
    await page.keyboard.type(javier.documentNumber);
    await page.keyboard.press("Tab");
    expect(await focused()).toBe("contrast");
    // Chromium orders a date field's parts by its own UI language, not the page's: type the
    // date as mm/dd/yyyy, and as dd/mm/yyyy if that was not the order.
    const [year, month, day] = javier.contrastValue.split("-");
    await page.keyboard.type(`${month}${day}${year}`);
    if ((await frame.locator("#contrast").inputValue()) !== javier.contrastValue) {
      await page.keyboard.press("Shift+Tab");
      await page.keyboard.press("Shift+Tab");
      await page.keyboard.type(`${day}${month}${year}`);
    }
    expect(await frame.locator("#contrast").inputValue()).toBe(javier.contrastValue);
    const before = lastMessageId();
    await tabTo(() => frame.evaluate(() => document.activeElement?.textContent === "Obtener PIN"));
    await page.keyboard.press("Enter");
    await frame.locator("#pin").waitFor();
    expect(await focused()).toBe("pin");
    await page.keyboard.type(await site.stack.pinFor(javier.id, before));
    await page.keyboard.press("Enter");
    await expectLoggedIn(page, "padron", "substantial");
    await page.context().close();
  }, 60_000);

  it("logs in full page, through the same login app", async () => {
    const page = await site.newPage();
    await page.goto(`${site.origin}/services/padron?mode=page`);
    expect(new URL(page.url()).origin).toBe(site.stack.issuer);
    await logInWithPin(page);
    await expectLoggedIn(page, "padron", "substantial");
    await page.context().close();
  }, 60_000);
});

describe("accessibility (axe-core, WCAG 2.1 AA)", () => {
  for (const lang of ["es", "eu"] as const) {
    it(`has no serious or critical violation on any screen in ${lang}`, async () => {
      const t = CATALOGS[lang];
      // axe is injected as a script, which the login page's CSP would rightly refuse.
      const page = await site.newPage({ bypassCSP: true });
      await page.goto(`${site.origin}/services/padron?mode=page&lang=${lang}`);
      const found: Record<string, string[]> = {};
      found.identify = await seriousViolations(page);
      await page.getByRole("button", { name: t["action.getPin"] }).click();
      await page.locator("[aria-invalid=true]").first().waitFor();
      found.identifyErrors = await seriousViolations(page);
      await page.locator("#document").fill(javier.documentNumber);
      await page.locator("#contrast").fill(javier.contrastValue);
      await page.getByRole("button", { name: t["action.getPin"] }).click();
      await page.locator("#pin").waitFor();
      found.pin = await seriousViolations(page);
      await page.locator("#pin").fill("000000");
      await page.getByRole("button", { name: t["action.verify"] }).click();
      await page.locator("#pin[aria-invalid=true]").waitFor();
      found.pinError = await seriousViolations(page);
      // The element's shell on the agency page, around the frame.
      await page.goto(`${site.origin}/services/padron?lang=${lang}`);
      found.framed = await seriousViolations(await loginFrame(page));
      expect(found).toEqual({
        identify: [],
        identifyErrors: [],
        pin: [],
        pinError: [],
        framed: [],
      });
      await page.context().close();
    }, 90_000);
  }
});

describe("small screens and zoom", () => {
  it("reflows on a 320 px wide screen (what 200 % zoom of 640 px gives) without sideways scrolling", async () => {
    const page = await site.newPage({ viewport: { width: 320, height: 640 } });
    for (const path of ["/services/padron?mode=page", "/services/padron"]) {
      await page.goto(`${site.origin}${path}`);
      const frame = path.includes("mode=page") ? page.mainFrame() : await loginFrame(page);
      await frame.locator("#document").waitFor();
      const overflow = await frame.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, path).toBeLessThanOrEqual(0);
      const button = await frame.getByRole("button", { name: "Obtener PIN" }).boundingBox();
      expect(button?.width, path).toBeGreaterThan(200);
    }
    await page.context().close();
  }, 60_000);
});

describe("browser surface", () => {
  it("refuses framing from an origin the client did not register", async () => {
    // The same demo site, reached under another origin: its element asks for a web_message
    // response to 127.0.0.1, which the client did not register.
    const other = site.origin.replace("localhost", "127.0.0.1");
    const page = await site.newPage();
    const errors: string[] = [];
    page.on("console", (m) => errors.push(m.text()));
    await page.goto(`${other}/services/padron`);
    await page.waitForTimeout(1500);
    const loginFrames = page.frames().filter((f) => f.url().includes("/login/"));
    expect(loginFrames).toEqual([]);
    expect(errors.join("\n")).toMatch(/frame-ancestors/);
    await page.context().close();
  }, 60_000);

  it("ignores authorization responses that do not come from its own frame on the issuer", async () => {
    const attacker = await serveWebHandler("attacker", async (request) => {
      const target = new URL(request.url).searchParams.get("to") ?? "";
      const message = new URL(request.url).searchParams.get("message") ?? "{}";
      return new Response(
        `<!doctype html><script>parent.postMessage(${message}, ${JSON.stringify(target)});</script>`,
        { headers: { "content-type": "text/html" } },
      );
    });
    const page = await site.newPage();
    await page.goto(`${site.origin}/services/padron?mode=event`);
    await loginFrame(page);
    const events: string[] = [];
    await page.exposeFunction("recordEvent", (type: string) => events.push(type));
    const state = await page.locator("llave-login").getAttribute("state");
    const forged = JSON.stringify({
      type: "llave:response",
      code: "forged.code",
      state,
      iss: site.stack.issuer,
    });
    await page.evaluate(
      ({ forged, attackerUrl }) => {
        const element = document.querySelector("llave-login");
        for (const type of ["llave-success", "llave-error", "llave-cancel"] as const) {
          element?.addEventListener(type, () =>
            (window as unknown as { recordEvent(t: string): void }).recordEvent(type),
          );
        }
        // From the agency page itself, and from a frame on another origin.
        window.postMessage(JSON.parse(forged), "*");
        const frame = document.createElement("iframe");
        frame.src = attackerUrl;
        document.body.append(frame);
      },
      {
        forged,
        attackerUrl: `http://127.0.0.1:${attacker.port}/?to=*&message=${encodeURIComponent(forged)}`,
      },
    );
    await page.waitForTimeout(1500);
    expect(events).toEqual([]);
    expect(new URL(page.url()).pathname).toBe("/services/padron");
    await page.context().close();
    await attacker.close();
  }, 60_000);
});

describe("languages", () => {
  it("renders the first screen completely in every language", async () => {
    const page = await site.newPage();
    for (const lang of LOCALES) {
      const t = CATALOGS[lang];
      await page.goto(`${site.origin}/services/padron?mode=page&lang=${lang}`);
      await page.locator("#document").waitFor();
      expect(await page.getAttribute("html", "lang")).toBe(lang);
      expect(await page.locator("h2").textContent()).toBe(t["pin.identify.title"]);
      expect(await page.getByLabel(t["document.label"]).count()).toBe(1);
      // What is shown (innerText, not textContent, which has the boot data's keys too): no
      // placeholder left unfilled, no message key instead of its text.
      // biome-ignore lint/performance/useDomNodeTextContent: only the rendered text counts here
      const text = (await page.locator("body").innerText()).normalize();
      expect(text).not.toMatch(/\{\w+\}|\b(pin|error|action|header|release)\.[a-z]/);
    }
    await page.context().close();
  }, 90_000);

  it("writes the README's screenshots of the element (light and dark, two languages)", async () => {
    for (const [lang, scheme] of [
      ["es", "light"],
      ["es", "dark"],
      ["en", "light"],
      ["en", "dark"],
    ] as const) {
      const page = await site.newPage({
        colorScheme: scheme,
        viewport: { width: 720, height: 1000 },
      });
      await page.goto(`${site.origin}/services/padron?lang=${lang}`);
      await loginFrame(page);
      await page.locator("llave-login").screenshot({
        path: join(SCREENSHOTS, `llave-login-${lang}-${scheme}.png`),
        animations: "disabled",
      });
      await page.context().close();
    }
  }, 90_000);
});
