/**
 * The mobile login (docs/mobile.md, issue 8) in Chromium, with two browsers side by side: the
 * demo agency site, whose `<llave-login>` frames the login page, and the citizen app at
 * `<issuer>/app/` on a phone-sized screen. Activation with the SMS code and the app code (and a
 * second phone revoking the first); a QR read from the login page's pixels, pasted in the app
 * and, in a phone with a fake camera, filmed by the app's camera; a push request reaching the
 * app over its WebSocket; the PIN method's PIN shown in the app; declining, "It was not me" and
 * a wrong number ending the login; axe-core on the app's and the login page's mobile screens.
 * Every test has its own citizen, registered in the stack's accounts database; the agency
 * allows the PIN and the app, so the login opens with the choice of method.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Frame, type Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { MessageKey } from "../../web-widget/src/i18n/catalog.ts";
import { seriousViolations } from "./axe.browser.ts";
import {
  type AppIdentity,
  appText,
  CitizenApp,
  fakeCamera,
  readQr,
  writeCameraFile,
} from "./citizen-app.browser.ts";
import {
  CHROMIUM,
  type DemoSite,
  loginText as es,
  LOA,
  SUBSTANTIAL,
  useDemoSite,
} from "./demo-site.ts";
import { pastBindingWait } from "./stack-device.ts";

/** The agency's name as registered by demoSite, which the app names. */
const AGENCY = "Ayuntamiento de Villallave (demo)";

let site: DemoSite;

useDemoSite({ client: { allowedMethods: ["pin", "mobile"] } }, (started) => {
  site = started;
});

type Citizen = { id: string; documentNumber: string; identity: AppIdentity };

/** An advanced-level citizen of their own. */
async function newCitizen(): Promise<Citizen> {
  const citizen = await site.stack.registerCitizen({
    contrastValue: "2032-03-09",
    givenName: "Rosa",
    familyName: "Navarro",
    secondFamilyName: "Gil",
    birthDate: "1983-10-21",
    email: `rosa${Date.now()}@example.es`,
  });
  return {
    id: citizen.id,
    documentNumber: citizen.documentNumber,
    identity: { document: citizen.documentNumber, contrast: citizen.contrastValue },
  };
}

const lastMessageId = () => site.stack.outbox.entries.at(-1)?.id ?? 0;

/** The app's activation code, sent by SMS to `citizen` after message `after`. */
async function activationCode(citizen: Citizen, after: number): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const entry = site.stack.outbox.entries.find(
      (e) =>
        e.id > after &&
        e.citizenId === citizen.id &&
        e.kind === "device_code" &&
        e.channel === "sms",
    );
    const code = entry && /\b\d{6}\b/.exec(entry.text)?.[0];
    if (code) return code;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no activation code for ${citizen.id}`);
}

/**
 * The citizen's app, activated on a phone of its own: its inbox is shown, live. The device is
 * made a day old, past its binding wait, so that its approvals reach substantial.
 */
async function activatedApp(citizen: Citizen, browser = site.browser): Promise<CitizenApp> {
  const app = await CitizenApp.open(browser, site.stack.issuer);
  const before = lastMessageId();
  await app.activate(citizen.identity, () => activationCode(citizen, before));
  await pastBindingWait(site.stack, citizen.id);
  return app;
}

type AgencyPage = {
  page: Page;
  /** The login page inside `<llave-login>`. */
  login: Frame;
  /** Every URL the login frame loaded, in order. */
  loads: string[];
};

/** The agency's service in its own browser, with the login framed and the method chosen. */
async function agencyLogin(
  method: "mobile" | "pin",
  options: Parameters<DemoSite["newPage"]>[0] = {},
): Promise<AgencyPage> {
  const page = await site.newPage(options);
  page.setDefaultTimeout(10_000);
  const loads: string[] = [];
  // Real loads only: choosing a method pushes a history entry (Back returns to the list),
  // which Playwright also reports as a navigation, but nothing is fetched.
  page.on("request", (request) => {
    const login = new URL(request.url()).pathname.startsWith("/login/");
    if (login && request.isNavigationRequest() && request.frame() !== page.mainFrame()) {
      loads.push(request.url());
    }
  });
  await page.goto(`${site.origin}/services/${SUBSTANTIAL}`);
  await page.frameLocator("llave-login iframe").locator("#screen h2").waitFor();
  const login = page.frames().find((f) => new URL(f.url()).pathname.startsWith("/login/"));
  if (!login) throw new Error("no login frame");
  expect(await login.locator("#screen h2").textContent()).toBe(es("methods.title"));
  // Named by the method, then its description.
  const title = es(`method.${method}`).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const name = new RegExp(`^${title}\\b`);
  await login.getByRole("button", { name }).click();
  await showsScreen(login, method === "mobile" ? "mobile.title" : "pin.identify.title");
  return { page, login, loads };
}

/** Waits for the login page's screen headed by the text of `key`. */
async function showsScreen(target: Frame | Page, key: MessageKey): Promise<void> {
  await target
    .locator("#screen")
    .getByRole("heading", { level: 2, name: es(key), exact: true })
    .waitFor();
}

/** QR: the animated code, and the number to pick in the app. */
async function showQr(agency: AgencyPage): Promise<number> {
  await agency.login.getByRole("button", { name: es("mobile.choice.qr") }).click();
  await showsScreen(agency.login, "mobile.qr.title");
  await agency.login.getByRole("img", { name: es("mobile.qr.label") }).waitFor();
  return shownNumber(agency.login);
}

/** Push: document and contrast datum, "Send the request to the app"; the number to pick. */
async function sendPush(agency: AgencyPage, citizen: Citizen): Promise<number> {
  const { login } = agency;
  await login.getByRole("button", { name: es("mobile.choice.push") }).click();
  await showsScreen(login, "mobile.push.title");
  await login.getByLabel(es("document.label")).fill(citizen.identity.document);
  await login.getByLabel(es("contrast.dni_validity")).fill(citizen.identity.contrast);
  await login.getByRole("button", { name: es("action.sendPush") }).click();
  await showsScreen(login, "mobile.push.waitingTitle");
  return shownNumber(login);
}

/** The two-digit number the login page shows, once it is there. */
async function shownNumber(login: Frame): Promise<number> {
  const number = login.locator(".match .number");
  await expect.poll(() => number.textContent()).toMatch(/^\d{2}$/);
  // The page names the agency the app will name.
  expect(await login.locator("#screen").textContent()).toContain(
    es("mobile.agency", { agency: AGENCY }),
  );
  return Number(await number.textContent());
}

/** The agency's service page after the login: its table of verified claims. */
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

/** Logged in at the agency as `citizen`, substantial, with the app's amr (swk, user). */
async function expectLoggedInWithApp(agency: AgencyPage, citizen: Citizen): Promise<void> {
  const found = await claims(agency.page);
  expect(found.Documento).toContain(citizen.documentNumber);
  expect(found.acr).toBe(`${LOA}substantial`);
  expect(found.amr?.split(", ")).toEqual(["swk", "user"]);
  // The login page went on by itself, never reloaded: loaded once, then its continue form.
  const paths = agency.loads.map((url) => new URL(url).pathname);
  expect(paths).toEqual([paths[0], `${paths[0]}/continue`]);
  expect(paths[0]).toMatch(/^\/login\/[\w-]+$/);
}

/** The login ended by the app: that screen, whose only action goes back with access_denied. */
async function expectEnded(agency: AgencyPage, reason: "declined" | "not_me" | "wrong_number") {
  const { login, page } = agency;
  await showsScreen(login, `mobile.ended.${reason}`);
  expect(await login.locator("#screen").textContent()).toContain(es(`mobile.ended.${reason}.text`));
  const actions = login.locator("#screen").getByRole("button");
  expect(await actions.allTextContents()).toEqual([es("action.backToService")]);
  // One way back: the page's own cancel, which does the same, is not shown beside it.
  expect(await login.locator("form.cancel").isVisible()).toBe(false);
  await actions.click();
  await page.waitForURL((url) => url.pathname === "/callback");
  expect(new URL(page.url()).searchParams.get("error")).toBe("access_denied");
  expect(await page.locator("#login-error").textContent()).toMatch(/\baccess_denied\b/);
}

describe("activating the app", () => {
  it("with the document, contrast datum, SMS code, a device name and the app code; a second phone revokes the first", async () => {
    const citizen = await newCitizen();
    const first = await CitizenApp.open(site.browser, site.stack.issuer);
    expect(await first.screenText()).toContain(appText("activation.intro"));
    const before = lastMessageId();
    await first.askForCode(citizen.identity);
    // The SMS went to the citizen's registered mobile.
    const code = await activationCode(citizen, before);
    const notice = await first.register(code, "Teléfono de Rosa");
    expect(notice).toBeNull();
    await first.chooseAppCode();
    expect(await first.screenText()).toContain(appText("inbox.empty"));
    // The navigation of an unlocked app, with the inbox current.
    const current = first.page.locator("#nav [aria-current=page]");
    expect(await current.textContent()).toBe(appText("nav.inbox"));
    await first.page.getByRole("button", { name: appText("nav.devices") }).click();
    await first.showsScreen("devices.title");
    await first.page.locator("#screen").getByText("Teléfono de Rosa").waitFor();

    // Another phone: activating it revokes the first, which is told at once and starts over.
    const second = await CitizenApp.open(site.browser, site.stack.issuer);
    const again = lastMessageId();
    await second.askForCode(citizen.identity);
    const revoked = await second.register(await activationCode(citizen, again), "Tableta");
    expect(revoked).toBe(appText("activation.revokedOthers", { count: 1 }));
    await second.chooseAppCode();
    await first.showsScreen("activation.title");
    expect(await first.page.locator("#screen .notice").textContent()).toBe(
      appText("forgotten.revoked"),
    );
    expect(first.received("revoked")).toBe(true);
    expect(await first.page.locator("#nav").isHidden()).toBe(true);
    await first.close();
    await second.close();
  }, 45_000);
});

describe("logging in with the app", () => {
  it("by QR: read from the login page's pixels, pasted in the app, the page's number picked", async () => {
    const citizen = await newCitizen();
    const app = await activatedApp(citizen);
    const agency = await agencyLogin("mobile");
    const number = await showQr(agency);

    const text = await readQr(agency.login);
    expect(text).toMatch(/^llave\.[0-9a-f]{64}\.\d+\.[0-9a-f]{64}$/);
    await app.pasteQr(text, AGENCY);
    // The app names the agency and where the login started, and offers three numbers.
    const details = app.page.locator(".details");
    expect(await details.textContent()).toContain(AGENCY);
    const choices = await app.choices();
    expect(choices).toHaveLength(3);
    expect(choices).toContain(number);
    // Scanned: the page hides the QR and asks for the number.
    await expect
      .poll(() => agency.login.locator("#screen [role=status]").first().textContent())
      .toBe(`${es("mobile.scanned")} ${String(number).padStart(2, "0")}`);
    expect(await agency.login.locator(".qr").isHidden()).toBe(true);

    await app.approve(number);
    await expectLoggedInWithApp(agency, citizen);
    await agency.page.context().close();
    await app.close();
  }, 30_000);

  it("by QR through the app's camera, filming the code read from the login page", async () => {
    // A phone whose camera films a file: the QR the login page shows, once it is read.
    const file = join(mkdtempSync(join(tmpdir(), "llave-camera-")), "qr.y4m");
    writeCameraFile(file, "llave.nothing-yet");
    const phone = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", ...fakeCamera(file)],
    });
    try {
      const citizen = await newCitizen();
      const app = await activatedApp(citizen, phone);
      await app.page.context().grantPermissions(["camera"], { origin: site.stack.issuer });
      const agency = await agencyLogin("mobile");
      const number = await showQr(agency);
      writeCameraFile(file, await readQr(agency.login));
      await app.scanWithCamera(AGENCY);
      await app.approve(number);
      await expectLoggedInWithApp(agency, citizen);
      await agency.page.context().close();
    } finally {
      await phone.close();
    }
  }, 30_000);

  it("by push: the request reaches the app over its WebSocket, the page's number picked", async () => {
    const citizen = await newCitizen();
    const app = await activatedApp(citizen);
    const agency = await agencyLogin("mobile");
    const number = await sendPush(agency, citizen);

    // The card appears without the app asking: it came over the socket.
    await app.page
      .getByRole("listitem", { name: appText("inbox.approval.title", { agency: AGENCY }) })
      .waitFor();
    expect(app.received("inbox", '"mode":"push"')).toBe(true);
    expect(await app.page.locator("#nav .badge").textContent()).toBe("1");
    await app.openRequest(AGENCY);
    expect(await app.choices()).toContain(number);
    await app.approve(number);
    await expectLoggedInWithApp(agency, citizen);
    await agency.page.context().close();
    await app.close();
  }, 30_000);

  it("with a PIN sent to the app: shown in the unlocked app, typed into the login page", async () => {
    const citizen = await newCitizen();
    const app = await activatedApp(citizen);
    const agency = await agencyLogin("pin");
    const { login } = agency;
    await login.getByLabel(es("document.label")).fill(citizen.identity.document);
    await login.getByLabel(es("contrast.dni_validity")).fill(citizen.identity.contrast);
    await login.getByRole("button", { name: es("action.getPin") }).click();
    await login.locator("#pin").waitFor();
    expect(await login.locator("#screen").textContent()).toContain(es("pin.sent.app"));

    const card = app.page.getByRole("listitem", {
      name: appText("inbox.pin.for", { agency: AGENCY }),
    });
    await card.waitFor();
    expect(app.received("inbox", '"kind":"pin"')).toBe(true);
    const shown = (await card.locator(".pin").textContent()) ?? "";
    expect(shown).toMatch(/^\d{3} \d{3}$/);
    await login.getByLabel(es("pin.label"), { exact: true }).fill(shown.replace(/\s/g, ""));
    await login.getByRole("button", { name: es("action.verify"), exact: true }).click();
    const found = await claims(agency.page);
    expect(found.Documento).toContain(citizen.documentNumber);
    expect(found.acr).toBe(`${LOA}substantial`);
    await agency.page.context().close();
    await app.close();
  }, 30_000);
});

describe("ending the login from the app", () => {
  it("Decline: the page ends the login, and its only action returns with access_denied", async () => {
    const citizen = await newCitizen();
    const app = await activatedApp(citizen);
    const agency = await agencyLogin("mobile");
    await sendPush(agency, citizen);
    await app.openRequest(AGENCY);
    await app.refuse("decline");
    await expectEnded(agency, "declined");
    await agency.page.context().close();
    await app.close();
  }, 30_000);

  it("“No he sido yo”: the page ends the login, and its only action returns with access_denied", async () => {
    const citizen = await newCitizen();
    const app = await activatedApp(citizen);
    const agency = await agencyLogin("mobile");
    await showQr(agency);
    await app.pasteQr(await readQr(agency.login), AGENCY);
    await app.refuse("not_me");
    expect(await app.screenText()).toContain(appText("outcome.reported.text"));
    await expectEnded(agency, "not_me");
    await agency.page.context().close();
    await app.close();
  }, 30_000);

  it("a wrong number ends the login: no second try", async () => {
    const citizen = await newCitizen();
    const app = await activatedApp(citizen);
    const agency = await agencyLogin("mobile");
    const number = await sendPush(agency, citizen);
    await app.openRequest(AGENCY);
    const wrong = (await app.choices()).find((n) => n !== number);
    if (wrong === undefined) throw new Error("no wrong number to pick");
    await app.approve(wrong, "outcome.wrong_number.title");
    await showsScreen(agency.login, "mobile.ended.wrong_number");
    expect(await agency.login.locator("#screen").getByRole("button").allTextContents()).toEqual([
      es("action.backToService"),
    ]);
    await agency.page.context().close();
    await app.close();
  }, 30_000);
});

describe("accessibility of the mobile screens (axe-core, WCAG 2.1 AA)", () => {
  it("has no serious or critical violation on the app's activation, inbox and approval, and the page's QR and push screens", async () => {
    const citizen = await newCitizen();
    // axe is injected as a script, which the pages' CSP would rightly refuse.
    const app = await CitizenApp.open(site.browser, site.stack.issuer, { bypassCSP: true });
    const found: Record<string, string[]> = {};
    found.activation = await seriousViolations(app.page);
    const before = lastMessageId();
    await app.activate(citizen.identity, () => activationCode(citizen, before));
    await pastBindingWait(site.stack, citizen.id);
    found.inbox = await seriousViolations(app.page);

    const agency = await agencyLogin("mobile", { bypassCSP: true });
    await showQr(agency);
    found.qr = await seriousViolations(agency.login);
    await agency.login.getByRole("button", { name: es("mobile.back") }).click();
    await showsScreen(agency.login, "mobile.title");
    await agency.login.getByRole("button", { name: es("mobile.choice.push") }).click();
    await showsScreen(agency.login, "mobile.push.title");
    found.push = await seriousViolations(agency.login);
    await agency.login.getByRole("button", { name: es("mobile.back") }).click();
    const number = await sendPush(agency, citizen);
    found.pushWaiting = await seriousViolations(agency.login);

    await app.page
      .getByRole("listitem", { name: appText("inbox.approval.title", { agency: AGENCY }) })
      .waitFor();
    found.inboxWithRequest = await seriousViolations(app.page);
    await app.openRequest(AGENCY);
    found.approval = await seriousViolations(app.page);
    await app.approve(number);
    expect(found).toEqual({
      activation: [],
      inbox: [],
      qr: [],
      push: [],
      pushWaiting: [],
      inboxWithRequest: [],
      approval: [],
    });
    await expectLoggedInWithApp(agency, citizen);
    await agency.page.context().close();
    await app.close();
  }, 45_000);
});
