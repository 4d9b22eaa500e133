/**
 * The citizen app's inbox in Chromium shows only a PIN that can still be typed (issue 15, §6):
 * a second login's PIN replaces the first on screen, and a PIN used on the login page leaves
 * it. Both used to stay listed, each "Caduca en 5:49".
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { CitizenApp } from "./citizen-app.browser.ts";
import { type DemoSite, LOW, useDemoSite } from "./demo-site.ts";

let site: DemoSite;
useDemoSite({}, (started) => {
  site = started;
});

const lastMessageId = () => site.stack.outbox.entries.at(-1)?.id ?? 0;

async function deviceCode(citizenId: string, after: number): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const entry = site.stack.outbox.entries.find(
      (e) => e.id > after && e.citizenId === citizenId && e.kind === "device_code",
    );
    const code = entry && /\b\d{6}\b/.exec(entry.text)?.[0];
    if (code) return code;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no activation code for ${citizenId}`);
}

/** A full-page login at the agency up to the PIN screen; returns the PIN the app got. */
async function pinInApp(
  page: Page,
  citizen: { id: string; documentNumber: string; contrastValue: string },
): Promise<string> {
  const before = lastMessageId();
  await page.goto(`${site.origin}/services/${LOW}?mode=page`);
  await page.locator("#document").fill(citizen.documentNumber);
  await page.locator("#contrast").fill(citizen.contrastValue);
  await page.getByRole("button", { name: "Obtener PIN" }).click();
  await page.locator("#pin").waitFor();
  return site.stack.pinFor(citizen.id, before);
}

const shownPins = (app: CitizenApp) =>
  app.page
    .locator("#screen ul.cards > li .pin")
    .evaluateAll((els) => els.map((el) => (el.textContent ?? "").replace(/\s/g, "")));

describe("citizen app inbox", () => {
  it("shows only the live PIN: a newer one replaces it, and a used one leaves", async () => {
    const citizen = await site.stack.registerCitizen({
      contrastValue: "2033-07-01",
      givenName: "Lucía",
      familyName: "Ferrer",
      secondFamilyName: "Vidal",
      birthDate: "1979-12-30",
      email: `lucia${Date.now()}@example.es`,
    });
    const app = await CitizenApp.open(site.browser, site.stack.issuer);
    const before = lastMessageId();
    await app.activate({ document: citizen.documentNumber, contrast: citizen.contrastValue }, () =>
      deviceCode(citizen.id, before),
    );

    const first = await site.newPage();
    const firstPin = await pinInApp(first, citizen);
    await expect.poll(() => shownPins(app)).toEqual([firstPin]);

    const second = await site.newPage();
    const secondPin = await pinInApp(second, citizen);
    await expect.poll(() => shownPins(app)).toEqual([secondPin]);

    await second.locator("#pin").fill(secondPin);
    await second.getByRole("button", { name: "Acceder" }).click();
    await second.waitForURL(`${site.origin}/services/${LOW}`);
    await expect.poll(() => shownPins(app)).toEqual([]);
    await first.context().close();
    await second.context().close();
    await app.close();
  }, 90_000);
});
