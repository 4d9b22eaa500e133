/**
 * What every screen of the citizen app shares: the boot data, the active catalog, Intl
 * formatting in the active locale, the server clock (through the API), the two live regions,
 * how screens replace each other, and where the citizen can go from here.
 */
import { calendarDate, formatDuration, zonedTime } from "../../web-widget/src/i18n/time-words.ts";
import type { AppApi, Approval, Problem } from "./api.ts";
import type { Boot } from "./boot.ts";
import { format, type MessageKey } from "./i18n/catalog.ts";

/** Why the device key was forgotten, said on the activation screen that follows. */
export type ForgetReason =
  /** The server no longer knows the key (revoked elsewhere, or `device_unknown`). */
  | "revoked"
  /** The citizen revoked this device from its own device list. */
  | "revoked_here"
  /** Five wrong app codes. */
  | "locked_out";

export type Section = "inbox" | "scan" | "devices";

export type Navigation = {
  inbox(): void;
  scan(): void;
  devices(): void;
  /** An approval request, from the inbox or a scanned QR. */
  approval(approval: Approval): void;
  lock(): void;
  forget(reason: ForgetReason): void;
  /**
   * Revokes this device at the server and, once it is revoked, forgets the key. Resolves with
   * the problem when the server refused (the key is kept).
   */
  revokeThisDevice(deviceId: string): Promise<Problem | null>;
};

export type AppContext = {
  boot: Boot;
  api: AppApi;
  go: Navigation;
  t(key: MessageKey, values?: Record<string, string | number>): string;
  /** Server time now, in milliseconds. */
  now(): number;
  /** "45 segundos", "2 minutos" in the active language. */
  duration(seconds: number): string;
  /** What is left until `epochMs` as "4:05" (never negative). */
  countdown(epochMs: number): string;
  /** "3 de junio de 2026, 14:32 (hora de Madrid)" in the active language and the zone. */
  dateTime(epochMs: number): string;
  /** Polite announcement (status); `alert` interrupts (errors that need action). */
  announce(text: string): void;
  alert(text: string): void;
  /**
   * Replaces the current screen; focus goes to its heading unless `focus` is false. `section`
   * marks the navigation entry (null hides the navigation: locked or not activated). Timers
   * and leave hooks registered after this call belong to the new screen.
   */
  showScreen(screen: HTMLElement, options: { section: Section | null; focus?: boolean }): void;
  /** Runs `fn` now and every second while the current screen is shown. */
  everySecond(fn: () => void): void;
  /** Runs `fn` when the current screen is replaced (stop the camera, unsubscribe). */
  onLeave(fn: () => void): void;
};

export type Regions = {
  main: HTMLElement;
  status: HTMLElement;
  alert: HTMLElement;
  /** Called with the screen's section whenever a screen is shown. */
  navigate(section: Section | null): void;
};

/** How long a status stays on screen after it was announced. */
const STATUS_MS = 8000;

export function createContext(
  boot: Boot,
  api: AppApi,
  regions: Regions,
  go: Navigation,
): AppContext {
  let timers: number[] = [];
  let leaving: (() => void)[] = [];
  // Writing the same text twice is not announced again: clear first, then write. A status
  // is cleared again once read, so an old one ("PIN copied") does not linger on screen.
  let statusTimer: number | undefined;
  const speak = (region: HTMLElement, text: string) => {
    region.textContent = "";
    window.setTimeout(() => {
      region.textContent = text;
    }, 50);
  };
  return {
    boot,
    api,
    go,
    t: (key, values) => format(boot.messages[key], values),
    now: api.now,
    // Our own words, not the browser's Intl data, which lacks Basque and Galician in some
    // builds (web-widget/src/i18n/time-words.ts); times in the administration's zone, named.
    duration: (s) => formatDuration(boot.locale, s),
    countdown(epochMs) {
      const left = Math.max(0, Math.ceil((epochMs - api.now()) / 1000));
      return `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`;
    },
    dateTime: (ms) =>
      `${calendarDate(boot.locale, ms, boot.timeZone)}, ${zonedTime(boot.locale, ms, boot.timeZone)}`,
    announce(text) {
      speak(regions.status, text);
      window.clearTimeout(statusTimer);
      statusTimer = window.setTimeout(() => {
        regions.status.textContent = "";
      }, STATUS_MS);
    },
    alert: (text) => speak(regions.alert, text),
    showScreen(screen, options) {
      for (const timer of timers) window.clearInterval(timer);
      timers = [];
      const left = leaving;
      leaving = [];
      for (const fn of left) fn();
      regions.main.replaceChildren(screen);
      regions.alert.textContent = "";
      regions.navigate(options.section);
      if (options.focus === false) return;
      const heading = screen.querySelector<HTMLElement>("h2");
      heading?.setAttribute("tabindex", "-1");
      heading?.focus();
    },
    everySecond(fn) {
      fn();
      timers.push(window.setInterval(fn, 1000));
    },
    onLeave(fn) {
      leaving.push(fn);
    },
  };
}
