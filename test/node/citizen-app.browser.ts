/**
 * The citizen app (docs/mobile.md) in Chromium, for the browser suites: a phone-sized browser
 * context on `<issuer>/app/`, driven as a citizen drives it — activation with the SMS code from
 * the dev outbox, the app code, the inbox, an approval with number matching, a pasted QR — and
 * the WebSocket messages the app received, to tell a live delivery from a poll. Also reading
 * the login page's QR as a phone's camera would: the pixels on screen, decoded with paulmillr's
 * `qr` decoder; and showing a QR to the app's camera (Chromium's fake capture device).
 *
 * @example
 * const app = await CitizenApp.open(site.browser, site.stack.issuer);
 * await app.activate(identity, () => smsCode(citizen, before));
 * await app.openRequest(agency);
 */
import { writeFileSync } from "node:fs";
import type { Browser, BrowserContextOptions, Frame, Page } from "playwright-core";
import encodeQR from "qr";
import decodeQR from "qr/decode.js";
import { expect } from "vitest";
import { format, type MessageKey } from "../../citizen-app/src/i18n/catalog.ts";
import { CATALOGS } from "../../citizen-app/src/i18n/catalogs.ts";

/** The citizen app's Spanish texts, as it shows them (placeholders filled in). */
export const appText = (key: MessageKey, values?: Record<string, string | number>) =>
  format(CATALOGS.es[key], values);

/** A phone: its size, touch, Spanish. */
export const PHONE: BrowserContextOptions = {
  locale: "es-ES",
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
};

export type AppIdentity = { document: string; contrast: string };

/** The app code every test chooses (not one of the "obvious" ones the app refuses). */
export const APP_CODE = "482915";

export class CitizenApp {
  /** The text of every WebSocket message the app received, oldest first. */
  readonly socketMessages: string[] = [];

  readonly page: Page;

  private constructor(page: Page) {
    this.page = page;
    page.on("websocket", (socket) =>
      socket.on("framereceived", ({ payload }) => {
        this.socketMessages.push(String(payload));
      }),
    );
  }

  /** A browser context of its own (another phone), with the app's first screen shown. */
  static async open(
    browser: Browser,
    issuer: string,
    options: BrowserContextOptions = {},
  ): Promise<CitizenApp> {
    const context = await browser.newContext({ ...PHONE, ...options });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const app = new CitizenApp(page);
    await page.goto(`${issuer}/app/`);
    await app.showsScreen("activation.title");
    return app;
  }

  async close(): Promise<void> {
    await this.page.context().close();
  }

  /** Waits for the screen headed by the text of `key`. */
  async showsScreen(key: MessageKey, values?: Record<string, string | number>): Promise<void> {
    await this.page
      .locator("#screen")
      .getByRole("heading", { level: 2, name: appText(key, values), exact: true })
      .waitFor();
  }

  /** The text of the current screen (`#screen`). */
  async screenText(): Promise<string> {
    return (await this.page.locator("#screen").textContent()) ?? "";
  }

  /** Document and contrast datum, "Send me a code": the SMS code screen. */
  async askForCode(identity: AppIdentity): Promise<void> {
    await this.page.getByLabel(appText("document.label")).fill(identity.document);
    await this.page.getByLabel(appText("contrast.dni_validity")).fill(identity.contrast);
    await this.page.getByRole("button", { name: appText("action.sendCode") }).click();
    await this.showsScreen("activation.code.title");
  }

  /**
   * The SMS code (read by `smsCode` once asked for) and the device's name, "Activate": the
   * screen to choose the app code. Returns its notice, if any (devices revoked).
   */
  async register(code: string, name: string): Promise<string | null> {
    await this.page.getByLabel(appText("activation.code.label")).fill(code);
    await this.page.getByLabel(appText("activation.name.label")).fill(name);
    await this.page.getByRole("button", { name: appText("action.activate") }).click();
    await this.showsScreen("appCode.choose.title");
    const notice = this.page.locator("#screen .notice");
    return (await notice.count()) > 0 ? await notice.textContent() : null;
  }

  /** The app code, twice: the inbox, live over its WebSocket. */
  async chooseAppCode(code = APP_CODE): Promise<void> {
    await this.page.getByLabel(appText("appCode.choose.label")).fill(code);
    await this.page.getByLabel(appText("appCode.repeat.label")).fill(code);
    await this.page.getByRole("button", { name: appText("action.saveCode") }).click();
    // Deriving the app code's hash (600,000 PBKDF2 iterations) takes a moment.
    await this.page
      .locator("#screen")
      .getByRole("heading", { level: 2, name: appText("inbox.title"), exact: true })
      .waitFor({ timeout: 20_000 });
    await this.page.getByText(appText("inbox.connection.live")).waitFor();
  }

  /** The whole activation: the inbox, live. Returns the notice of the app code's screen. */
  async activate(
    identity: AppIdentity,
    smsCode: () => Promise<string>,
    name = "Móvil de pruebas",
  ): Promise<string | null> {
    await this.askForCode(identity);
    const notice = await this.register(await smsCode(), name);
    await this.chooseAppCode();
    return notice;
  }

  /** The inbox's card of `agency`'s request, then "Review and answer": the approval screen. */
  async openRequest(agency: string): Promise<void> {
    const card = this.page.getByRole("listitem", {
      name: appText("inbox.approval.title", { agency }),
    });
    await card.getByRole("button", { name: appText("inbox.approval.open") }).click();
    await this.showsScreen("approval.title", { agency });
  }

  /** The three numbers offered on the approval screen. */
  async choices(): Promise<number[]> {
    return (await this.page
      .locator("input[name=number]")
      .evaluateAll((inputs) =>
        inputs.map((input) => Number((input as HTMLInputElement).value)),
      )) as number[];
  }

  /** Picks `number` and approves; waits for the outcome headed by `outcome`. */
  async approve(number: number, outcome: MessageKey = "outcome.approved.title"): Promise<void> {
    // The number's label is the tile a citizen taps (the radio itself is styled away).
    await this.page.locator(`label[for="number-${number}"]`).click();
    expect(await this.page.getByLabel(String(number), { exact: true }).isChecked()).toBe(true);
    await this.page.getByRole("button", { name: appText("action.approve") }).click();
    await this.showsScreen(outcome);
  }

  /** "Decline" or "It was not me"; waits for its outcome. */
  async refuse(how: "decline" | "not_me"): Promise<void> {
    const button = how === "decline" ? "action.decline" : "action.notMe";
    await this.page.getByRole("button", { name: appText(button), exact: true }).click();
    await this.showsScreen(how === "decline" ? "outcome.declined.title" : "outcome.reported.title");
  }

  /** Scan, then the QR's text in the paste box, "Send the code": the approval screen. */
  async pasteQr(text: string, agency: string): Promise<void> {
    await this.page.getByRole("button", { name: appText("nav.scan"), exact: true }).click();
    await this.showsScreen("scan.title");
    await this.page.getByLabel(appText("scan.paste.label")).fill(text);
    await this.page.getByRole("button", { name: appText("action.sendQr") }).click();
    await this.showsScreen("approval.title", { agency });
  }

  /** Scan, "Turn on the camera": the camera reads the code and the approval screen shows. */
  async scanWithCamera(agency: string): Promise<void> {
    await this.page.getByRole("button", { name: appText("nav.scan"), exact: true }).click();
    await this.showsScreen("scan.title");
    await this.page.getByRole("button", { name: appText("scan.start") }).click();
    await this.showsScreen("approval.title", { agency });
  }

  /** Whether a WebSocket message of `type` (and with `text` in it) reached the app. */
  received(type: string, text = ""): boolean {
    return this.socketMessages.some((m) => m.includes(`"type":"${type}"`) && m.includes(text));
  }
}

/**
 * The login page's QR as a phone reads it: the code's pixels as the page shows them (a
 * screenshot of the SVG), turned into RGBA by the browser's own PNG decoder, then decoded in
 * Node by `qr`'s decoder. Returns the code's text.
 */
export async function readQr(login: Frame | Page): Promise<string> {
  const png = await login.locator(".qr svg").screenshot({ animations: "disabled" });
  const image = await login.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: "image/png" }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext("2d");
    if (!context) throw new Error("no 2d context");
    context.drawImage(bitmap, 0, 0);
    const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
    let binary = "";
    for (let i = 0; i < data.length; i += 0x8000) {
      binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
    }
    return { width: bitmap.width, height: bitmap.height, rgba: btoa(binary) };
  }, png.toString("base64"));
  const data = new Uint8Array(Buffer.from(image.rgba, "base64"));
  expect(data.length).toBe(image.width * image.height * 4);
  return decodeQR({ width: image.width, height: image.height, data });
}

/** Chromium's flags for a fake camera that films `file` (see `writeCameraFile`). */
export const fakeCamera = (file: string) => [
  "--use-fake-ui-for-media-stream",
  "--use-fake-device-for-media-stream",
  `--use-file-for-fake-video-capture=${file}`,
];

/**
 * What the fake camera films: `text`'s QR code, dark on light and centred in a 640×480 frame,
 * as a Y4M video (Chromium loops it). Written before the camera starts, which is when
 * Chromium opens the file.
 */
export function writeCameraFile(file: string, text: string): void {
  const [width, height] = [640, 480];
  const modules = encodeQR(text, "raw", { border: 4 });
  const scale = Math.floor(Math.min(width, height) / modules.length);
  const left = Math.floor((width - modules.length * scale) / 2);
  const top = Math.floor((height - modules.length * scale) / 2);
  const luma = Buffer.alloc(width * height, 235);
  modules.forEach((row, r) => {
    row.forEach((dark, c) => {
      if (!dark) return;
      for (let dy = 0; dy < scale; dy++) {
        const start = (top + r * scale + dy) * width + left + c * scale;
        luma.fill(16, start, start + scale);
      }
    });
  });
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128);
  const frame = Buffer.concat([Buffer.from("FRAME\n"), luma, chroma, chroma]);
  const header = `YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`;
  writeFileSync(file, Buffer.concat([Buffer.from(header), frame, frame]));
}
