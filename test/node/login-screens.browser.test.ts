/**
 * The login screens against time, in Chromium with Playwright's clock (issue 15 §6): every
 * boundary the PIN and step-up screens count down to is crossed by moving the page's clock —
 * the SMS fallback after the app had its time, the resend cool-down, the PIN's expiry, the
 * step-up code's resend — and what lies behind it works: a citizen without the app logs in by
 * SMS after the wait, or by SMS chosen up front; after five wrong PINs another one is offered;
 * a basic registration is told before anything is sent that it cannot reach a `substantial`
 * service, and nothing is sent; a step-up beyond the hourly send limit says so and when; the
 * login's cap of PIN requests ends the resends; a live-region sentence (the QR's last minute,
 * the SMS option) does not outlive its screen.
 *
 * The server keeps its own (real) clock. The stack runs with short timings (two-second
 * cool-down and fallback, three sends an hour) so that where the server must agree that the
 * time has passed, the test waits for at most those two seconds of real time.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO_CITIZENS } from "../../scripts/lib/seed.ts";
import type { MessageKey } from "../../web-widget/src/i18n/catalog.ts";
import { CitizenBrowser } from "./citizen-browser.ts";
import { type DemoSite, loginText as es, LOA, LOW, SUBSTANTIAL, useDemoSite } from "./demo-site.ts";

/** The server's cool-down and SMS fallback, in seconds (short, see the header). */
const WAIT_SECONDS = 2;
const PIN_TTL_SECONDS = 600;
const SENDS_PER_HOUR = 3;

let site: DemoSite;

useDemoSite(
  {
    client: { allowedMethods: ["pin", "password", "mobile"] },
    vars: {
      PIN_RESEND_COOLDOWN_SECONDS: String(WAIT_SECONDS),
      PIN_SMS_FALLBACK_AFTER_SECONDS: String(WAIT_SECONDS),
      PIN_TTL_SECONDS: String(PIN_TTL_SECONDS),
      PIN_MAX_SENDS_PER_HOUR: String(SENDS_PER_HOUR),
    },
  },
  (started) => {
    site = started;
  },
);

type Citizen = { id: string; documentNumber: string; contrastValue: string; mobile: string };

/** An advanced-level citizen of their own, without the Llave app. */
async function newCitizen(): Promise<Citizen> {
  const citizen = await site.stack.registerCitizen({
    contrastValue: "2030-04-15",
    givenName: "Rosa",
    familyName: "Blanco",
    secondFamilyName: "Sanz",
    birthDate: "1975-06-06",
  });
  return {
    id: citizen.id,
    documentNumber: citizen.documentNumber,
    contrastValue: "2030-04-15",
    mobile: citizen.mobile ?? "",
  };
}

/** Waits as the page's requests may take on a busy machine. */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 10_000 });

const lastMessageId = () => site.stack.outbox.entries.at(-1)?.id ?? 0;

/** The server's own wait has passed since `since` (Node's real clock): unavoidable here. */
async function serverWaitSince(since: number): Promise<void> {
  const left = since + WAIT_SECONDS * 1000 + 200 - Date.now();
  if (left > 0) await new Promise((r) => setTimeout(r, left));
}

/** A full-page login of the service with the page's clock installed, at the method list. */
async function openService(service: string): Promise<Page> {
  const page = await site.newPage();
  page.setDefaultTimeout(10_000);
  await page.clock.install();
  await page.goto(`${site.origin}/services/${service}?mode=page`);
  await showsScreen(page, "methods.title");
  return page;
}

async function showsScreen(page: Page, key: MessageKey): Promise<void> {
  await page
    .locator("#screen")
    .getByRole("heading", { level: 2, name: es(key), exact: true })
    .waitFor();
}

async function identify(page: Page, citizen: Omit<Citizen, "id" | "mobile">): Promise<void> {
  await page.getByRole("button", { name: es("method.pin") }).click();
  await showsScreen(page, "pin.identify.title");
  await page.getByLabel(es("document.label")).fill(citizen.documentNumber);
  await page.getByLabel(es("contrast.dni_validity")).fill(citizen.contrastValue);
}

/** "Get PIN"; returns when it was asked (Node's clock), for the server's waits. */
async function getPin(page: Page): Promise<number> {
  const at = Date.now();
  await page.getByRole("button", { name: es("action.getPin") }).click();
  await showsScreen(page, "pin.title");
  return at;
}

const button = (page: Page, key: MessageKey) =>
  page.locator("#screen").getByRole("button", { name: es(key), exact: true });
const screenText = async (page: Page) => (await page.locator("#screen").textContent()) ?? "";

async function typePin(page: Page, pin: string): Promise<void> {
  await page.getByLabel("PIN", { exact: true }).fill(pin);
  await page.getByRole("button", { name: es("action.verify"), exact: true }).click();
}

async function expectLoggedIn(page: Page, service: string, citizen: Citizen, acr: string) {
  await page.waitForURL(`${site.origin}/services/${service}`);
  const claims = page.locator("#claims");
  await poll(() => claims.textContent()).toContain(citizen.documentNumber);
  expect(await claims.textContent()).toContain(`${LOA}${acr}`);
}

/** The newest message of `kind` to the citizen after `after`, or null within `ms`. */
async function message(citizen: { id: string }, kind: string, after: number, ms = 5_000) {
  for (let waited = 0; waited < ms; waited += 50) {
    const entry = site.stack.outbox.entries.find(
      (e) => e.id > after && e.citizenId === citizen.id && e.kind === kind,
    );
    if (entry) return entry;
    await new Promise((r) => setTimeout(r, 50));
  }
  return null;
}

async function codeIn(citizen: { id: string }, kind: string, after: number): Promise<string> {
  const entry = await message(citizen, kind, after);
  const code = entry && /\b\d{6}\b/.exec(entry.text)?.[0];
  if (!code) throw new Error(`no ${kind} for ${citizen.id}`);
  return code;
}

describe("the PIN screens with the page's clock moved", () => {
  it("a citizen without the app gets the SMS option once the app had its time, and logs in with it", async () => {
    const citizen = await newCitizen();
    const page = await openService(LOW);
    await identify(page, citizen);
    const asked = await getPin(page);
    // The app's time is counted down, and the SMS option waits for it.
    expect(await screenText(page)).toContain(
      es("pin.smsWait", { time: `${WAIT_SECONDS} segundos` }),
    );
    expect(await button(page, "action.sendSms").isVisible()).toBe(false);
    await page.clock.fastForward(WAIT_SECONDS * 1000 - 1500);
    expect(await button(page, "action.sendSms").isVisible()).toBe(false);
    await page.clock.fastForward(2000);
    await button(page, "action.sendSms").waitFor();
    expect(await screenText(page)).toContain(es("pin.smsReady"));
    await poll(() => page.locator("#status").textContent()).toBe(es("pin.smsReady"));

    await serverWaitSince(asked);
    const before = lastMessageId();
    await button(page, "action.sendSms").click();
    await poll(() => page.locator("#status").textContent()).toBe(es("status.sentAgain"));
    expect(await screenText(page)).toContain(es("pin.sent.sms"));
    await typePin(page, await codeIn(citizen, "pin", before));
    await expectLoggedIn(page, LOW, citizen, "low");
    await page.context().close();
  }, 60_000);

  it("SMS chosen up front: the resend cool-down ends, another PIN goes out, the PIN's expiry is shown and reached", async () => {
    const citizen = await newCitizen();
    const page = await openService(LOW);
    await identify(page, citizen);
    await page.getByLabel(es("channel.choice.sms")).check();
    const before = lastMessageId();
    const asked = await getPin(page);
    const first = await codeIn(citizen, "pin", before);
    const text = await screenText(page);
    expect(text).toContain(es("pin.sent.sms"));
    // No promise forever: what to do if nothing arrives.
    expect(text).toContain(es("pin.notArriving", { time: "2 minutos" }));
    expect(text).toContain(es("pin.resendWait", { time: `${WAIT_SECONDS} segundos` }));
    expect(await button(page, "action.resend").isVisible()).toBe(false);
    await page.clock.fastForward(WAIT_SECONDS * 1000 + 500);
    await button(page, "action.resend").waitFor();
    expect(await page.locator("#pin-expiry").textContent()).toMatch(/^El PIN caduca a las \d/);

    await serverWaitSince(asked);
    const again = lastMessageId();
    await button(page, "action.resend").click();
    await poll(() => page.locator("#status").textContent()).toBe(es("status.sentAgain"));
    const second = await codeIn(citizen, "pin", again);
    // The new PIN has its own cool-down again.
    expect(await button(page, "action.resend").isVisible()).toBe(false);

    // Its expiry is reached on the page: said, and another PIN offered.
    await page.clock.fastForward(PIN_TTL_SECONDS * 1000);
    await poll(() => page.locator("#pin-expiry").textContent()).toBe(es("pin.expired"));
    expect(await button(page, "action.resend").isVisible()).toBe(true);
    // The first PIN was replaced by the second (the server's clock has not moved).
    await typePin(page, first === second ? "000000" : first);
    await page.locator("#pin-error").waitFor();
    await typePin(page, second);
    await expectLoggedIn(page, LOW, citizen, "low");
    await page.context().close();
  }, 60_000);

  it("after five wrong PINs another one is offered after the cool-down, and it logs in", async () => {
    const citizen = await newCitizen();
    const page = await openService(LOW);
    await identify(page, citizen);
    await page.getByLabel(es("channel.choice.sms")).check();
    const before = lastMessageId();
    const asked = await getPin(page);
    const pin = await codeIn(citizen, "pin", before);
    const wrong = String((Number(pin) + 1) % 1_000_000).padStart(6, "0");
    for (let i = 0; i < 5; i++) {
      await typePin(page, wrong);
      await poll(() => page.locator("#pin-error").textContent()).toContain(
        i < 4 ? es("error.invalid_pin", { tries: 4 - i }) : es("error.invalid_pin.last"),
      );
    }
    // "Ask for another", with the way to do it.
    await page.clock.fastForward(WAIT_SECONDS * 1000 + 500);
    await button(page, "action.resend").waitFor();
    await serverWaitSince(asked);
    const again = lastMessageId();
    await button(page, "action.resend").click();
    await poll(() => page.locator("#status").textContent()).toBe(es("status.sentAgain"));
    await typePin(page, await codeIn(citizen, "pin", again));
    await expectLoggedIn(page, LOW, citizen, "low");
    await page.context().close();
  }, 60_000);

  it("the login's cap of PIN requests: each resend after its cool-down, then the page says to start again", async () => {
    const citizen = await newCitizen();
    const page = await openService(LOW);
    await identify(page, citizen);
    await page.getByLabel(es("channel.choice.sms")).check();
    let asked = await getPin(page);
    // PIN_MAX_REQUESTS_PER_LOGIN (5): four more after the first.
    for (let i = 0; i < 4; i++) {
      await page.clock.fastForward(WAIT_SECONDS * 1000 + 500);
      await serverWaitSince(asked);
      asked = Date.now();
      await button(page, "action.resend").click();
      await poll(() => page.locator("#status").textContent()).toBe(es("status.sentAgain"));
    }
    expect(await screenText(page)).toContain(es("pin.noMore"));
    await page.clock.fastForward(WAIT_SECONDS * 1000 + 500);
    expect(await button(page, "action.resend").isVisible()).toBe(false);
    await page.context().close();
  }, 60_000);

  it("the way back to the method list, by link and by the browser's Back button; no stale announcement", async () => {
    const citizen = await newCitizen();
    const page = await openService(LOW);
    await identify(page, citizen);
    await getPin(page);
    await page.clock.fastForward(WAIT_SECONDS * 1000 + 500);
    await poll(() => page.locator("#status").textContent()).toBe(es("pin.smsReady"));
    // Once handled (here: left), what the live region said of the last screen is gone.
    await button(page, "action.back").click();
    await showsScreen(page, "pin.identify.title");
    expect(await page.locator("#status").textContent()).toBe("");
    await button(page, "action.otherMethod").click();
    await showsScreen(page, "methods.title");
    await page.getByRole("button", { name: es("method.password") }).click();
    await showsScreen(page, "password.title");
    await page.goBack();
    await showsScreen(page, "methods.title");
    await page.context().close();
  }, 60_000);
});

describe("the mobile screens", () => {
  it("the QR's last minute is announced, and the sentence goes once the citizen moves on", async () => {
    const page = await openService(LOW);
    await page
      .locator("#screen button.method")
      .filter({ has: page.getByText(es("method.mobile"), { exact: true }) })
      .click();
    await showsScreen(page, "mobile.title");
    await page.getByRole("button", { name: es("mobile.choice.qr") }).click();
    await showsScreen(page, "mobile.qr.title");
    // The approval lives 5 minutes: its last minute.
    await page.clock.fastForward(4 * 60_000 + 5_000);
    await poll(() => page.locator("#status").textContent()).toBe(es("mobile.timeLeftSoon"));
    await button(page, "mobile.back").click();
    await showsScreen(page, "mobile.title");
    expect(await page.locator("#status").textContent()).toBe("");
    await page.context().close();
  }, 60_000);
});

describe("levels said before any secret is sent", () => {
  it("a basic registration is told on the way in that it cannot reach a substantial service, and no PIN is sent", async () => {
    const lucia = DEMO_CITIZENS[0];
    if (lucia?.registrationLevel !== "basic" || !lucia.id) throw new Error("no basic citizen");
    const page = await openService(SUBSTANTIAL);
    // The header says what the level means, not its name.
    const header = (await page.locator("header .level").textContent()) ?? "";
    expect(header).toBe(es("level.means.substantial"));
    expect(await screenText(page)).toContain(es("level.basicCannot"));
    await identify(page, lucia);
    const identifyText = await screenText(page);
    expect(identifyText).toContain(es("level.basicCannot"));
    // An SMS PIN is low: not offered as if it could work here, and said why.
    expect(identifyText).toContain(es("channel.smsTooWeak"));
    expect(await page.getByLabel(es("channel.choice.sms")).count()).toBe(0);
    const before = lastMessageId();
    await getPin(page);
    expect(await screenText(page)).toContain(es("pin.levelHint"));
    // Nothing was sent that could only end in a refusal. The page's clock is moved past the
    // SMS fallback: it is not offered for a service an SMS PIN cannot reach.
    await page.clock.fastForward(WAIT_SECONDS * 1000 + 500);
    expect(await button(page, "action.sendSms").isVisible()).toBe(false);
    expect(await message({ id: lucia.id }, "pin", before, 1_500)).toBeNull();
    await page.context().close();
  }, 60_000);
});

describe("the step-up code", () => {
  /** A letter code, then the login API's activation steps, as password.browser.test.ts does. */
  async function givePassword(citizen: Citizen, password: string): Promise<void> {
    const issued = await fetch(
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
      contrast: { kind: "dni_validity", value: citizen.contrastValue },
      activationCode: code,
    });
    await api("/otp/verify", { code: await codeIn(citizen, "otp", before) });
    await api("/activation/password", { password });
  }

  it("its resend is offered when the cool-down ends; past the hourly limit the screen says no code went out, and until when", async () => {
    const citizen = await newCitizen();
    const password = "caballo-grapa-bateria-7";
    await givePassword(citizen, password); // send 1 of the hour
    const page = await openService(SUBSTANTIAL);
    await page.getByRole("button", { name: es("method.password") }).click();
    await page.getByLabel(es("document.label")).fill(citizen.documentNumber);
    await page.getByLabel(es("password.label"), { exact: true }).fill(password);
    let asked = Date.now();
    await page.getByRole("button", { name: es("action.verify"), exact: true }).click();
    await page.locator("#otp").waitFor(); // send 2
    expect(await screenText(page)).toContain(es("stepup.sent"));
    expect(await screenText(page)).toContain(
      es("otp.resendWait", { time: `${WAIT_SECONDS} segundos` }),
    );
    expect(await button(page, "action.resendCode").isVisible()).toBe(false);
    await page.clock.fastForward(WAIT_SECONDS * 1000 + 500);
    await button(page, "action.resendCode").waitFor();

    await serverWaitSince(asked);
    asked = Date.now();
    await button(page, "action.resendCode").click(); // send 3: the last of the hour
    await poll(() => page.locator("#status").textContent()).toBe(es("status.codeSent"));
    await page.clock.fastForward(WAIT_SECONDS * 1000 + 500);
    await button(page, "action.resendCode").waitFor();
    await serverWaitSince(asked);
    const before = lastMessageId();
    await button(page, "action.resendCode").click();
    // The truth: nothing went out, and when it can.
    await poll(() => page.locator("#alert").textContent()).toMatch(
      /^No le hemos enviado el código: .* a las \d\d:\d\d \(hora de Madrid\), o usar el código de la app/,
    );
    expect(await message(citizen, "otp", before, 1_000)).toBeNull();
    await page.context().close();
  }, 60_000);
});

describe("a login page whose browser binding is gone", () => {
  it("says the login belongs to another browser, and sends nothing", async () => {
    const citizen = await newCitizen();
    const page = await openService(LOW);
    await identify(page, citizen);
    // As if the page were opened from a link in someone else's browser: no binding cookie.
    await page.context().clearCookies();
    const before = lastMessageId();
    await page.getByRole("button", { name: es("action.getPin") }).click();
    await poll(() => page.locator("#alert").textContent()).toBe(es("error.login_other_browser"));
    expect(await message(citizen, "pin", before, 1_000)).toBeNull();
    await page.context().close();
  }, 60_000);
});
