/**
 * Llave's pages in Debian's Chromium (issue 15, §6): the Llave header on the full-page login
 * (and not inside <llave-login>'s frame), `?theme=dark` honoured full page, a browser that
 * lands on an unknown address gets a page with a way back, and Basque and Galician durations
 * and times come from our own words — this Chromium has no Intl data for either language and
 * used to write "60 segundos barru" — with the countdowns moved by Playwright's clock.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { CATALOGS as APP_CATALOGS } from "../../citizen-app/src/i18n/catalogs.ts";
import { DEMO_CITIZENS } from "../../scripts/lib/seed.ts";
import { format } from "../../web-widget/src/i18n/catalog.ts";
import { CATALOGS } from "../../web-widget/src/i18n/catalogs.ts";
import { type DemoSite, LOW, useDemoSite } from "./demo-site.ts";

let site: DemoSite;
useDemoSite({}, (started) => {
  site = started;
});

const javier = (() => {
  const citizen = DEMO_CITIZENS[1];
  if (!citizen?.id) throw new Error("no demo citizen");
  return citizen;
})();

const issuerHost = () => new URL(site.stack.issuer).host;

describe("Llave's header", () => {
  it("is on the full-page login, with the issuer's host, and not inside the element's frame", async () => {
    const page = await site.newPage();
    await page.goto(`${site.origin}/services/${LOW}?mode=page`);
    const brand = page.locator(".llave-brand");
    await brand.waitFor();
    expect(await brand.textContent()).toContain("Llave");
    expect(await brand.textContent()).toContain(
      "Servicio de identificación de las administraciones públicas",
    );
    expect(await page.locator(".llave-host").textContent()).toBe(
      `Página de Llave en ${issuerHost()}`,
    );
    expect(await brand.locator("svg").isVisible()).toBe(true);

    await page.goto(`${site.origin}/services/${LOW}`);
    await page.frameLocator("llave-login iframe").locator("#document").waitFor();
    const frame = page.frames().find((f) => new URL(f.url()).pathname.startsWith("/login/"));
    expect(await frame?.locator(".llave-brand").count()).toBe(0);
    await page.context().close();
  }, 60_000);

  it("is on a page for an unknown address, in the browser's language, with a way back", async () => {
    const page = await site.newPage({ locale: "it-IT" });
    const response = await page.goto(`${site.stack.issuer}/no/esiste`);
    expect(response?.status()).toBe(404);
    expect(await page.locator("h1").textContent()).toBe("Non troviamo questa pagina");
    expect(await page.locator(".llave-brand").isVisible()).toBe(true);
    await page.getByRole("link", { name: "Vai alla tua area Llave" }).click();
    await page.waitForURL(/\/(account|login)/);
    await page.context().close();
  }, 60_000);
});

describe("theme, full page", () => {
  it("honours ?theme=dark in mode=page, even in a light browser", async () => {
    const page = await site.newPage({ colorScheme: "light" });
    await page.goto(`${site.origin}/services/${LOW}?mode=page&theme=dark`);
    await page.locator("#document").waitFor();
    expect(await page.locator("html").getAttribute("data-theme")).toBe("dark");
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe("rgb(18, 20, 23)");
    await page.context().close();
  }, 60_000);
});

/** Document and validity date, "Get PIN" (to the app): the PIN screen, in `lang`. */
async function pinScreen(page: Page, lang: "eu" | "gl"): Promise<void> {
  const t = CATALOGS[lang];
  await page.goto(`${site.origin}/services/${LOW}?mode=page&lang=${lang}`);
  await page.locator("#document").fill(javier.documentNumber);
  await page.locator("#contrast").fill(javier.contrastValue);
  await page.getByRole("button", { name: t["action.getPin"] }).click();
  await page.locator("#pin").waitFor();
}

describe("durations and times from our own words", () => {
  it("writes the SMS wait in Basque words and the PIN's expiry in the administration's zone", async () => {
    const page = await site.newPage({ locale: "eu" });
    await page.clock.install();
    await pinScreen(page, "eu");
    const text = (await page.locator("#screen").textContent()) ?? "";
    expect(text).toMatch(/SMS bidez eskatu ahal izango duzu \d{1,2} segundo barru\./);
    expect(text).not.toMatch(/segundos|seconds/);
    expect(text).toMatch(/PINa ordu honetan iraungiko da: \d\d:\d\d \(Madrid aldeko ordua\)\./);
    await page.context().close();
  }, 60_000);

  it("writes the PIN's expiry in Galician, naming the zone", async () => {
    const page = await site.newPage({ locale: "gl" });
    await pinScreen(page, "gl");
    const text = (await page.locator("#screen").textContent()) ?? "";
    expect(text).toMatch(/O PIN caduca ás \d\d:\d\d \(hora de Madrid\)\./);
    expect(text).toMatch(/Poderá pedilo por SMS dentro de \d{1,2} segundos\./);
    await page.context().close();
  }, 60_000);

  for (const lang of ["eu", "gl"] as const) {
    it(`counts the citizen app's resend wait down in ${lang} as the clock moves`, async () => {
      const t = APP_CATALOGS[lang];
      const citizen = await site.stack.registerCitizen({
        contrastValue: "2031-05-04",
        givenName: "Itziar",
        familyName: "Etxeberria",
        secondFamilyName: "Agirre",
        birthDate: "1990-02-11",
        email: `itziar${Date.now()}${lang}@example.es`,
      });
      const context = await site.browser.newContext({ locale: lang });
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      await page.clock.install();
      await page.goto(`${site.stack.issuer}/app/`);
      await page.getByLabel(t["document.label"]).fill(citizen.documentNumber);
      await page.getByLabel(t["contrast.dni_validity"]).fill(citizen.contrastValue);
      await page.getByRole("button", { name: t["action.sendCode"] }).click();
      await page.getByRole("heading", { level: 2, name: t["activation.code.title"] }).waitFor();
      const wait = (seconds: number) =>
        format(t["activation.resendWait"], {
          time: lang === "eu" ? `${seconds} segundo` : `${seconds} segundos`,
        });
      const screen = page.locator("#screen");
      expect(await screen.textContent()).toContain(
        format(t["activation.code.expires"], { time: lang === "eu" ? "10 minutu" : "10 minutos" }),
      );
      await page.clock.runFor(10_000);
      await expect
        .poll(async () => (await screen.textContent()) ?? "")
        .toMatch(new RegExp(wait(20).replace(/[.?]/g, "\\$&").replace("20", "(19|20|21)")));
      await page.clock.runFor(25_000);
      await page.getByRole("button", { name: t["action.resend"] }).waitFor();
      await context.close();
    }, 60_000);
  }
});
