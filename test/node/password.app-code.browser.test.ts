/**
 * The app's step-up code (docs/password.md "The code from the app") in Chromium, with two
 * browsers side by side: the citizen app on a phone, whose inbox shows the code with its
 * countdown once unlocked, and the demo agency site, whose login page offers "Use the code from
 * the Llave app" beside the SMS code. The code read off the app's screen logs the citizen in at
 * substantial with amr pwd otp swk mfa; a wrong one is refused without a count of tries; the
 * SMS screen keeps its state across the switch; axe-core on both new screens.
 */
import type { Frame, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { seriousViolations } from "./axe.browser.ts";
import { type AppIdentity, appText, CitizenApp } from "./citizen-app.browser.ts";
import { CitizenBrowser } from "./citizen-browser.ts";
import { type DemoSite, loginText as es, LOA, LOW, SUBSTANTIAL, useDemoSite } from "./demo-site.ts";
import { pastBindingWait } from "./stack-device.ts";

const PASSWORD = "Lince-Ibérico-2031";

let site: DemoSite;

useDemoSite({ client: { allowedMethods: ["pin", "password"] } }, (started) => {
  site = started;
});

type Citizen = { id: string; documentNumber: string; identity: AppIdentity };

/** An advanced-level citizen of their own. */
async function newCitizen(): Promise<Citizen> {
  const citizen = await site.stack.registerCitizen({
    contrastValue: "2031-06-30",
    givenName: "Irene",
    familyName: "Campos",
    secondFamilyName: "Lara",
    birthDate: "1979-05-14",
  });
  const identity = { document: citizen.documentNumber, contrast: "2031-06-30" };
  return { id: citizen.id, documentNumber: citizen.documentNumber, identity };
}

const lastMessageId = () => site.stack.outbox.entries.at(-1)?.id ?? 0;

/** The SMS code of `kind` sent to the citizen after message `after`. */
async function sms(citizen: Citizen, kind: "otp" | "device_code", after: number) {
  for (let i = 0; i < 100; i++) {
    const entry = site.stack.outbox.entries.find(
      (e) => e.id > after && e.citizenId === citizen.id && e.kind === kind,
    );
    const code = entry && /\b\d{6}\b/.exec(entry.text)?.[0];
    if (code) return code;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no ${kind} SMS for ${citizen.id}`);
}

/** Setup without the UI: a letter code, then the login API's activation steps. */
async function givePassword(citizen: Citizen): Promise<void> {
  const issued = await fetch(`${site.stack.issuer}/admin/citizens/${citizen.id}/activation-codes`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${site.stack.adminToken}`,
      "content-type": "application/json",
    },
    body: JSON.stringify({ delivery: "letter" }),
  });
  const { code } = (await issued.json()) as { code: string };
  const browser = new CitizenBrowser();
  const service = await browser.fetch(`${site.origin}/services/${LOW}?mode=page`);
  const handoff = await browser.fetch(service.headers.get("location") ?? "");
  const loginId = new URL(handoff.headers.get("location") ?? "").pathname.split("/").at(-1);
  const api = async (path: string, body: unknown) => {
    const response = await browser.fetch(`${site.stack.issuer}/api/logins/${loginId}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(response.ok, `${path}: ${await response.clone().text()}`).toBe(true);
  };
  const before = lastMessageId();
  await api("/activation", {
    document: citizen.documentNumber,
    contrast: { kind: "dni_validity", value: citizen.identity.contrast },
    activationCode: code,
  });
  await api("/otp/verify", { code: await sms(citizen, "otp", before) });
  await api("/activation/password", { password: PASSWORD });
}

/**
 * The citizen's app, activated and unlocked on a phone of its own, made a day old: past its
 * binding wait, its step-up codes reach substantial.
 */
async function activatedApp(citizen: Citizen, options = {}): Promise<CitizenApp> {
  const app = await CitizenApp.open(site.browser, site.stack.issuer, options);
  const before = lastMessageId();
  await app.activate(citizen.identity, () => sms(citizen, "device_code", before));
  await pastBindingWait(site.stack, citizen.id);
  return app;
}

/** The code the app's inbox shows now, without the space that groups it. */
async function shownCode(app: CitizenApp): Promise<string> {
  const card = app.page.getByRole("region", { name: appText("codes.title") });
  const text = (await card.locator(".pin").textContent()) ?? "";
  return text.replace(/\s/g, "");
}

/** The agency's service that needs substantial, in its own browser, past the password. */
async function atSecondFactor(options = {}): Promise<{ page: Page; login: Frame }> {
  const page = await site.newPage(options);
  page.setDefaultTimeout(10_000);
  await page.goto(`${site.origin}/services/${SUBSTANTIAL}`);
  await page.frameLocator("llave-login iframe").locator("#screen h2").waitFor();
  const login = page.frames().find((f) => new URL(f.url()).pathname.startsWith("/login/"));
  if (!login) throw new Error("no login frame");
  await login.getByRole("button", { name: es("method.password") }).click();
  return { page, login };
}

async function submitPassword(login: Frame, citizen: Citizen): Promise<void> {
  await login.getByLabel(es("document.label")).fill(citizen.documentNumber);
  await login.getByLabel(es("password.label"), { exact: true }).fill(PASSWORD);
  await login.getByRole("button", { name: es("action.verify"), exact: true }).click();
  await login.getByRole("heading", { level: 2, name: es("stepup.title") }).waitFor();
}

async function claims(page: Page): Promise<Record<string, string>> {
  await page.waitForURL(`${site.origin}/services/${SUBSTANTIAL}`);
  await page.locator("#claims").waitFor();
  const rows = await page
    .locator("#claims tr")
    .evaluateAll((trs) =>
      trs.map((tr) => [
        tr.querySelector("th")?.textContent ?? "",
        tr.querySelector("td")?.textContent ?? "",
      ]),
    );
  return Object.fromEntries(rows);
}

describe("the step-up code from the app", () => {
  it("shows in the unlocked app, and logs in at substantial with amr pwd otp swk mfa", async () => {
    const citizen = await newCitizen();
    await givePassword(citizen);
    const app = await activatedApp(citizen);
    const code = await shownCode(app);
    expect(code).toMatch(/^\d{6}$/);
    const card = app.page.getByRole("region", { name: appText("codes.title") });
    expect(await card.textContent()).toMatch(/\d:\d\d/);

    const { page, login } = await atSecondFactor();
    await submitPassword(login, citizen);
    const expires = await login.getByText(/^El código caduca/).textContent();
    await login.getByRole("button", { name: es("stepup.useApp") }).click();

    // A wrong code: refused without a count of tries.
    const wrong = code === "000000" ? "111111" : "000000";
    await login.getByLabel(es("appcode.label")).fill(wrong);
    await login.getByRole("button", { name: es("action.verify"), exact: true }).click();
    await login.locator("#app-code[aria-invalid=true]").waitFor();
    expect(await login.locator("#app-code-error").textContent()).toBe(es("error.app_code.invalid"));

    // Back to the SMS code, as it was; and to the app's code again.
    await login.getByRole("button", { name: es("stepup.useSms") }).click();
    await login.getByLabel(es("otp.label")).waitFor();
    expect(await login.getByText(/^El código caduca/).textContent()).toBe(expires);
    await login.getByRole("button", { name: es("stepup.useApp") }).click();

    await login.getByLabel(es("appcode.label")).fill(await shownCode(app));
    await login.getByRole("button", { name: es("action.verify"), exact: true }).click();
    const found = await claims(page);
    expect(found.Documento).toContain(citizen.documentNumber);
    expect(found.acr).toBe(`${LOA}substantial`);
    expect(found.amr?.split(", ")).toEqual(["pwd", "otp", "swk", "mfa"]);
    await page.context().close();
    await app.close();
  }, 60_000);

  it("is not shown once the app is locked", async () => {
    const citizen = await newCitizen();
    const app = await activatedApp(citizen);
    await app.page.getByRole("region", { name: appText("codes.title") }).waitFor();
    await app.page.getByRole("button", { name: appText("nav.lock") }).click();
    await app.showsScreen("appCode.unlock.title");
    expect(await app.page.locator(".pin").count()).toBe(0);
    await app.close();
  }, 60_000);
});

describe("accessibility of the step-up code's screens (axe-core, WCAG 2.1 AA)", () => {
  it("has no serious or critical violation on the app's code card and the login page's form", async () => {
    const citizen = await newCitizen();
    await givePassword(citizen);
    // axe is injected as a script, which the pages' CSP would rightly refuse.
    const app = await activatedApp(citizen, { bypassCSP: true });
    await app.page.getByRole("region", { name: appText("codes.title") }).waitFor();
    const found: Record<string, string[]> = { inbox: await seriousViolations(app.page) };
    const { page, login } = await atSecondFactor({ bypassCSP: true });
    await submitPassword(login, citizen);
    await login.getByRole("button", { name: es("stepup.useApp") }).click();
    await login.getByLabel(es("appcode.label")).waitFor();
    found.login = await seriousViolations(login);
    expect(found).toEqual({ inbox: [], login: [] });
    await page.context().close();
    await app.close();
  }, 60_000);
});
