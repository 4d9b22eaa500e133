/**
 * The permanent password (docs/password.md) in Chromium, through the login app on the demo
 * agency site: activation with a letter code and the SMS code, the live rules and the
 * server's refusal of a common password; login at `low`; the SMS step-up to `substantial`,
 * both from a `low` session (no password asked again) and straight away; an expired password
 * changed during the login; five wrong passwords blocking it until a new activation code;
 * axe-core on the password screens; and the citizen's area, reached from the agency's link,
 * changing the password. Every test has its own citizen, registered in the
 * stack's accounts database; the agency allows the PIN and the password, so the login opens
 * with the choice of method.
 */

import type { Frame, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { MessageKey } from "../../web-widget/src/i18n/catalog.ts";
import { calendarDate } from "../../web-widget/src/i18n/time-words.ts";
import { seriousViolations } from "./axe.browser.ts";
import { CitizenBrowser } from "./citizen-browser.ts";
import { type DemoSite, loginText as es, LOA, LOW, SUBSTANTIAL, useDemoSite } from "./demo-site.ts";

let site: DemoSite;

useDemoSite({ client: { allowedMethods: ["pin", "password"] } }, (started) => {
  site = started;
});

type Citizen = { id: string; documentNumber: string; contrastValue: string };

/** An advanced-level citizen of their own. */
async function newCitizen(): Promise<Citizen> {
  const citizen = await site.stack.registerCitizen({
    contrastValue: "2030-04-15",
    givenName: "Elena",
    familyName: "Ortega",
    secondFamilyName: "Vidal",
    birthDate: "1980-02-02",
  });
  return { id: citizen.id, documentNumber: citizen.documentNumber, contrastValue: "2030-04-15" };
}

/** A letter activation code, as an operator issues it (POST /admin/…/activation-codes). */
async function letterCode(citizen: Citizen): Promise<string> {
  const response = await fetch(
    `${site.stack.issuer}/admin/citizens/${citizen.id}/activation-codes`,
    {
      method: "POST",
      headers: {
        authorization: `Bearer ${site.stack.adminToken}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ delivery: "letter" }),
    },
  );
  expect(response.status, await response.clone().text()).toBe(201);
  const { code } = (await response.json()) as { code?: string };
  expect(code).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
  return code ?? "";
}

const lastMessageId = () => site.stack.outbox.entries.at(-1)?.id ?? 0;

/** The SMS one-time code (step-up or activation) sent to the citizen after message `after`. */
async function smsCode(citizen: Citizen, after: number): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const entry = site.stack.outbox.entries.find(
      (e) => e.id > after && e.citizenId === citizen.id && e.kind === "otp",
    );
    const code = entry && /\b\d{6}\b/.exec(entry.text)?.[0];
    if (code) return code;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no SMS code for ${citizen.id}`);
}

/**
 * Test setup without the UI: a letter code, then the login API's activation steps
 * (POST …/activation, …/otp/verify, …/activation/password) on a login of the low service.
 */
async function givePassword(citizen: Citizen, password: string): Promise<void> {
  const code = await letterCode(citizen);
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
    return (await response.json()) as { status: string };
  };
  const before = lastMessageId();
  await api("/activation", {
    document: citizen.documentNumber,
    contrast: { kind: "dni_validity", value: citizen.contrastValue },
    activationCode: code,
  });
  expect(await api("/otp/verify", { code: await smsCode(citizen, before) })).toEqual({
    status: "choose_password",
  });
  expect((await api("/activation/password", { password })).status).toBe("activated");
}

type Target = Frame | Page;

/**
 * Opens a service of the demo agency and returns where the login app runs: the frame of
 * `<llave-login>`, or with `page` the page itself (a full-page login, which is where the
 * single sign-on session lives: its cookie is SameSite=Lax).
 */
async function openService(page: Page, service: string, mode: "element" | "page"): Promise<Target> {
  await page.goto(`${site.origin}/services/${service}${mode === "page" ? "?mode=page" : ""}`);
  if (mode === "page") {
    await page.locator("#screen h2").waitFor();
    return page;
  }
  await page.frameLocator("llave-login iframe").locator("#screen h2").waitFor();
  const frame = page.frames().find((f) => new URL(f.url()).pathname.startsWith("/login/"));
  if (!frame) throw new Error("no login frame");
  return frame;
}

/** Long enough for the server's Argon2id work on a busy machine. */
const WAIT = { timeout: 10_000 };

/** A page of its own browser context, in Spanish, whose waits fail after WAIT. */
async function newPage(options: Parameters<DemoSite["newPage"]>[0] = {}): Promise<Page> {
  const page = await site.newPage(options);
  page.setDefaultTimeout(WAIT.timeout);
  return page;
}

const heading = (target: Target) => target.locator("#screen h2");

/** Waits for the screen headed by the text of `key`. */
async function showsScreen(target: Target, key: MessageKey): Promise<void> {
  await target
    .locator("#screen")
    .getByRole("heading", { level: 2, name: es(key), exact: true })
    .waitFor();
}

/** From the choice of method to the password login screen. */
async function choosePasswordMethod(target: Target): Promise<void> {
  expect(await heading(target).textContent()).toBe(es("methods.title"));
  await target.getByRole("button", { name: es("method.password") }).click();
  await showsScreen(target, "password.title");
}

async function submitPassword(target: Target, citizen: Citizen | null, password: string) {
  if (citizen) await target.getByLabel(es("document.label")).fill(citizen.documentNumber);
  await target.getByLabel(es("password.label"), { exact: true }).fill(password);
  await target.getByRole("button", { name: es("action.verify"), exact: true }).click();
}

/** A new password and its confirmation, then "Save the password". */
async function submitNewPassword(target: Target, password: string): Promise<void> {
  await target.getByLabel(es("newPassword.label"), { exact: true }).fill(password);
  await target.getByLabel(es("confirmPassword.label"), { exact: true }).fill(password);
  await target.getByRole("button", { name: es("action.savePassword") }).click();
}

/** The SMS code screen: the code sent to the citizen after message `before`, then "Acceder". */
async function typeSmsCode(target: Target, citizen: Citizen, before: number): Promise<void> {
  await target.locator("#otp").waitFor();
  await target.getByLabel(es("otp.label")).fill(await smsCode(citizen, before));
  await target.getByRole("button", { name: es("action.verify"), exact: true }).click();
}

/** The agency's service page after the login: its table of verified claims. */
async function claims(page: Page, service: string): Promise<Record<string, string>> {
  await page.waitForURL(`${site.origin}/services/${service}`);
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

async function expectLoggedIn(
  page: Page,
  service: string,
  citizen: Citizen,
  acr: "low" | "substantial",
  amr: string[],
): Promise<void> {
  const found = await claims(page, service);
  expect(found.Documento).toContain(citizen.documentNumber);
  expect(found.acr).toBe(`${LOA}${acr}`);
  expect(found.amr?.split(", ")).toEqual(amr);
}

const RULE_LENGTH = es("rule.length", { length: 8 });
const RULE_COMMON = es("rule.common");
const RULE_REPETITIVE = es("rule.repetitive");
const RULE_NAME = es("rule.contains_name");
const RULE_DOCUMENT = es("rule.contains_document");

/** The rules listed under the new password (nist policy), each with its shown state. */
async function ruleStates(target: Target): Promise<Record<string, string>> {
  const items = await target
    .locator("#new-password-rules li")
    .evaluateAll((lis) =>
      lis.map((li) => ({ text: li.textContent ?? "", state: li.dataset.state })),
    );
  const rules = [RULE_LENGTH, RULE_COMMON, RULE_REPETITIVE, RULE_NAME, RULE_DOCUMENT];
  return Object.fromEntries(
    items.map(({ text, state }) => [rules.find((r) => text.includes(r)) ?? text, state ?? ""]),
  );
}

describe("activating a permanent password", () => {
  it("with a letter code and the SMS code, refusing a common password with the server's reason", async () => {
    const citizen = await newCitizen();
    const code = await letterCode(citizen);
    const page = await newPage();
    const frame = await openService(page, LOW, "element");
    await choosePasswordMethod(frame);
    await frame.getByRole("button", { name: es("password.activate") }).click();
    await showsScreen(frame, "activation.title");

    await frame.getByLabel(es("document.label")).fill(citizen.documentNumber);
    await frame.getByLabel(es("contrast.dni_validity")).fill(citizen.contrastValue);
    // Typed as someone copying a letter might: lower case, spaces instead of dashes.
    const codeField = frame.getByLabel(es("activation.code.label"));
    await codeField.pressSequentially(code.toLowerCase().replaceAll("-", " "));
    expect(await codeField.inputValue()).toBe(code);
    const before = lastMessageId();
    await frame.getByRole("button", { name: es("action.continue") }).click();

    await frame.locator("#otp").waitFor();
    expect(await heading(frame).textContent()).toBe(es("otp.title"));
    await frame.getByLabel(es("otp.label")).fill(await smsCode(citizen, before));
    await frame.getByRole("button", { name: es("action.continue") }).click();

    await showsScreen(frame, "choose.title");
    const password = frame.getByLabel(es("newPassword.label"), { exact: true });
    expect(await ruleStates(frame)).toEqual({
      [RULE_LENGTH]: "pending",
      [RULE_COMMON]: "unchecked",
      [RULE_REPETITIVE]: "pending",
      [RULE_NAME]: "unchecked",
      [RULE_DOCUMENT]: "pending",
    });
    // The list follows what is typed, with the server's own structural rules.
    await password.pressSequentially("abcdefgh");
    expect(await ruleStates(frame)).toMatchObject({
      [RULE_LENGTH]: "met",
      [RULE_REPETITIVE]: "pending",
      [RULE_DOCUMENT]: "met",
    });
    await password.fill("");
    await password.pressSequentially(`x${citizen.documentNumber.slice(0, 6)}`);
    expect(await ruleStates(frame)).toMatchObject({
      [RULE_LENGTH]: "pending",
      [RULE_DOCUMENT]: "pending",
    });
    await password.fill("");
    await password.pressSequentially("Password123");
    expect(await ruleStates(frame)).toMatchObject({
      [RULE_LENGTH]: "met",
      [RULE_COMMON]: "unchecked",
      [RULE_REPETITIVE]: "met",
      [RULE_DOCUMENT]: "met",
    });

    // Only the server knows the list of common passwords: its reason goes on the field.
    await submitNewPassword(frame, "Password123");
    await frame.locator("#new-password[aria-invalid=true]").waitFor();
    expect(await frame.locator("#new-password-error").textContent()).toBe(
      es("error.weak_password", { reason: es("password.reason.common") }),
    );
    expect((await ruleStates(frame))[RULE_COMMON]).toBe("failed");
    expect(await heading(frame).textContent()).toBe(es("choose.title"));

    await submitNewPassword(frame, "Tortuga-Azul-2031!");
    await showsScreen(frame, "activated.title");
    // It expires in PASSWORD_VALIDITY_DAYS (365 by default).
    // In the administration's zone (TIME_ZONE, Europe/Madrid by default), in our own words.
    const expires = calendarDate("es", Date.now() + 365 * 86_400_000, "Europe/Madrid");
    expect(await frame.locator("#screen").textContent()).toContain(
      es("activated.text", { time: expires }),
    );
    // Back to the login with the document already there.
    await frame.getByRole("button", { name: es("action.logInWithPassword") }).click();
    await showsScreen(frame, "password.title");
    expect(await frame.getByLabel(es("document.label")).inputValue()).toBe(citizen.documentNumber);
    await page.context().close();
  }, 30_000);
});

describe("logging in with the password", () => {
  it("proves low and lands on the agency's service with amr pwd", async () => {
    const citizen = await newCitizen();
    await givePassword(citizen, "Girasol-Lento-47#");
    const page = await newPage();
    const frame = await openService(page, LOW, "element");
    await choosePasswordMethod(frame);
    await submitPassword(frame, citizen, "Girasol-Lento-47#");
    await expectLoggedIn(page, LOW, citizen, "low", ["pwd"]);
    await page.context().close();
  }, 30_000);

  it("steps a low session up to substantial with the SMS code alone", async () => {
    const citizen = await newCitizen();
    await givePassword(citizen, "Velero.Rojo.Nube.88");
    const page = await newPage();
    await choosePasswordMethod(await openService(page, LOW, "page"));
    await submitPassword(page, citizen, "Velero.Rojo.Nube.88");
    await expectLoggedIn(page, LOW, citizen, "low", ["pwd"]);

    // Same browser, a service that needs more: the login starts at the second factor.
    await openService(page, SUBSTANTIAL, "page");
    expect(await heading(page).textContent()).toBe(es("stepup.title"));
    expect(await page.locator("#password").count()).toBe(0);
    const before = lastMessageId();
    // The code goes out when the citizen asks for it (docs/password.md "Levels and amr").
    expect(site.stack.outbox.entries.filter((e) => e.id > before)).toEqual([]);
    await page.getByRole("button", { name: es("action.sendCode") }).click();
    await typeSmsCode(page, citizen, before);
    await expectLoggedIn(page, SUBSTANTIAL, citizen, "substantial", ["pwd", "otp", "sms", "mfa"]);
    await page.context().close();
  }, 30_000);

  it("asks for the password and then the SMS code when the service needs substantial", async () => {
    const citizen = await newCitizen();
    await givePassword(citizen, "Cometa-Verde-305");
    const page = await newPage();
    const frame = await openService(page, SUBSTANTIAL, "element");
    await choosePasswordMethod(frame);
    const before = lastMessageId();
    await submitPassword(frame, citizen, "Cometa-Verde-305");
    await showsScreen(frame, "stepup.title");
    await typeSmsCode(frame, citizen, before);
    await expectLoggedIn(page, SUBSTANTIAL, citizen, "substantial", ["pwd", "otp", "sms", "mfa"]);
    await page.context().close();
  }, 30_000);

  it("has an expired password changed before the login completes; the old one then fails", async () => {
    const citizen = await newCitizen();
    await givePassword(citizen, "Faro-Antiguo-912");
    await site.stack.accounts.execute({
      sql: "UPDATE passwords SET expires_at = 1 WHERE citizen_id = ?",
      args: [citizen.id],
    });
    const page = await newPage();
    const frame = await openService(page, LOW, "element");
    await choosePasswordMethod(frame);
    await submitPassword(frame, citizen, "Faro-Antiguo-912");
    await showsScreen(frame, "change.title");
    await submitNewPassword(frame, "Puente-Nuevo-713");
    await expectLoggedIn(page, LOW, citizen, "low", ["pwd"]);
    await page.context().close();

    const again = await newPage();
    const target = await openService(again, LOW, "element");
    await choosePasswordMethod(target);
    await submitPassword(target, citizen, "Faro-Antiguo-912");
    await target.locator("#password[aria-invalid=true]").waitFor();
    expect(await target.locator("#password-error").textContent()).toBe(
      es("error.invalid_credentials", { tries: 4 }),
    );
    await submitPassword(target, null, "Puente-Nuevo-713");
    await expectLoggedIn(again, LOW, citizen, "low", ["pwd"]);
    await again.context().close();
  }, 30_000);

  it("pauses the password after 5 wrong ones, saying the same to everyone; an activation code lifts the pause", async () => {
    const citizen = await newCitizen();
    await givePassword(citizen, "Molino-Blanco-628");
    const page = await newPage();
    const frame = await openService(page, LOW, "element");
    await choosePasswordMethod(frame);
    const error = frame.locator("#password-error");
    for (let tries = 4; tries >= 0; tries--) {
      await submitPassword(frame, tries === 4 ? citizen : null, `Molino-Negro-${tries}x`);
      // The same sentence each time: wait for the answer (the field is emptied), then read it.
      await expect.poll(() => frame.locator("#password").inputValue(), WAIT).toBe("");
      expect(await error.textContent()).toBe(es("error.invalid_credentials"));
    }
    // The right password is not compared during the pause: the page says what it says to any
    // document, and the note tells the citizen where to read when the pause ends.
    await submitPassword(frame, null, "Molino-Blanco-628");
    await expect.poll(() => frame.locator("#password").inputValue(), WAIT).toBe("");
    expect(await error.textContent()).toBe(es("error.invalid_credentials"));
    expect(await frame.locator("#screen").textContent()).toContain(es("password.blockedNote"));

    // A new activation code lifts the pause at once, with a new password.
    const code = await letterCode(citizen);
    await frame.getByRole("button", { name: es("password.activate") }).click();
    await showsScreen(frame, "activation.title");
    expect(await frame.getByLabel(es("document.label")).inputValue()).toBe(citizen.documentNumber);
    await frame.getByLabel(es("contrast.dni_validity")).fill(citizen.contrastValue);
    await frame.getByLabel(es("activation.code.label")).fill(code);
    const before = lastMessageId();
    await frame.getByRole("button", { name: es("action.continue") }).click();
    await frame.getByLabel(es("otp.label")).fill(await smsCode(citizen, before));
    await frame.getByRole("button", { name: es("action.continue") }).click();
    await showsScreen(frame, "choose.title");
    await submitNewPassword(frame, "Molino-Rojo-5150");
    await showsScreen(frame, "activated.title");
    await frame.getByRole("button", { name: es("action.logInWithPassword") }).click();
    await submitPassword(frame, null, "Molino-Rojo-5150");
    await expectLoggedIn(page, LOW, citizen, "low", ["pwd"]);
    await page.context().close();
  }, 90_000);
});

describe("accessibility of the password screens (axe-core, WCAG 2.1 AA)", () => {
  it("has no serious or critical violation on login, activation and choosing a password, in Spanish", async () => {
    const citizen = await newCitizen();
    const code = await letterCode(citizen);
    // axe is injected as a script, which the login page's CSP would rightly refuse.
    const page = await newPage({ bypassCSP: true });
    await choosePasswordMethod(await openService(page, LOW, "page"));
    const found: Record<string, string[]> = {};
    found.login = await seriousViolations(page);
    await page.getByRole("button", { name: es("password.activate") }).click();
    await showsScreen(page, "activation.title");
    found.activation = await seriousViolations(page);
    await page.getByLabel(es("document.label")).fill(citizen.documentNumber);
    await page.getByLabel(es("contrast.dni_validity")).fill(citizen.contrastValue);
    await page.getByLabel(es("activation.code.label")).fill(code);
    const before = lastMessageId();
    await page.getByRole("button", { name: es("action.continue") }).click();
    await page.getByLabel(es("otp.label")).fill(await smsCode(citizen, before));
    await page.getByRole("button", { name: es("action.continue") }).click();
    await showsScreen(page, "choose.title");
    await page.getByLabel(es("newPassword.label"), { exact: true }).pressSequentially("abc");
    found.choose = await seriousViolations(page);
    await submitNewPassword(page, "Password123");
    await page.locator("#new-password[aria-invalid=true]").waitFor();
    found.chooseRefused = await seriousViolations(page);
    expect(found).toEqual({ login: [], activation: [], choose: [], chooseRefused: [] });
    await page.context().close();
  }, 60_000);
});

describe("the citizen's area", () => {
  it("is reached from the agency's link after password and SMS code, and changes the password", async () => {
    const citizen = await newCitizen();
    await givePassword(citizen, "primera frase de prueba");
    // axe is injected as a script, which the pages' CSP would rightly refuse.
    const page = await newPage({ bypassCSP: true });
    await page.goto(site.origin);
    await page.getByRole("link", { name: "su cuenta de Llave" }).click();
    await choosePasswordMethod(page);
    const before = lastMessageId();
    await submitPassword(page, citizen, "primera frase de prueba");
    await typeSmsCode(page, citizen, before);
    await page.waitForURL(`${site.stack.issuer}/account`);
    await page.getByRole("heading", { level: 1, name: es("account.heading") }).waitFor();
    expect(await page.locator("header").textContent()).toContain(citizen.documentNumber);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel(es("account.change.current")).fill("no es la actual");
    await page.getByLabel(es("account.change.new")).fill("segunda frase de prueba");
    await page.getByRole("button", { name: es("account.change.submit") }).click();
    const refused = page.getByRole("alert");
    await refused.waitFor();
    expect(await refused.textContent()).toBe(es("account.error.current", { tries: 4 }));

    await page.getByLabel(es("account.change.current")).fill("primera frase de prueba");
    await page.getByLabel(es("account.change.new")).fill("segunda frase de prueba");
    await page.getByRole("button", { name: es("account.change.submit") }).click();
    await page.waitForURL(`${site.stack.issuer}/account?done=changed`);
    expect(await page.getByRole("status").textContent()).toContain("Su contraseña se ha cambiado");
    await page.context().close();

    // Another browser: the new password logs in, the old one no longer does.
    const other = await newPage();
    const frame = await openService(other, LOW, "element");
    await choosePasswordMethod(frame);
    await submitPassword(frame, citizen, "primera frase de prueba");
    await frame.locator("#password[aria-invalid=true]").waitFor();
    expect(await frame.locator("#password-error").textContent()).toBe(
      es("error.invalid_credentials", { tries: 4 }),
    );
    await submitPassword(frame, null, "segunda frase de prueba");
    await expectLoggedIn(other, LOW, citizen, "low", ["pwd"]);
    await other.context().close();
  }, 60_000);
});
