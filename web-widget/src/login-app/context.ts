/**
 * What every screen of the login app shares: the boot data, the active catalog, Intl
 * formatting in the active locale, the server clock, the two live regions, and the ways a
 * screen ends (show another screen, continue to the agency, go back to it without logging in,
 * give up as expired, pick another method).
 */
import { format, type MessageKey } from "../i18n/catalog.ts";
import { calendarDate, formatDuration, zonedTime } from "../i18n/time-words.ts";
import { type LoginApi, loginApi } from "./api.ts";
import type { Boot } from "./boot.ts";

export type AppContext = {
  boot: Boot;
  api: LoginApi;
  t(key: MessageKey, values?: Record<string, string | number>): string;
  /** Server time now, in milliseconds (the page's clock corrected by the boot's skew). */
  now(): number;
  /** "45 seconds", "2 minutes" in the active language. */
  duration(seconds: number): string;
  /** "14:32 (hora de Madrid)": in the administration's zone, which it names. */
  time(epochMs: number): string;
  /** "3 de junio de 2026" in the active language. */
  date(epochMs: number): string;
  /** Polite announcement (status); `alert` interrupts (errors that need action). */
  announce(text: string): void;
  alert(text: string): void;
  /** Replaces the current screen; focus goes to its heading unless `focus` is false. */
  showScreen(screen: HTMLElement, options?: { focus?: boolean }): void;
  /** Runs `fn` now and every second while the current screen is shown. */
  everySecond(fn: () => void): void;
  /** Runs `fn` once when the current screen is replaced (to stop its polling, for one). */
  onLeave(fn: () => void): void;
  /** The citizen is authenticated: hand over to the agency. */
  finish(): void;
  /** Back to the agency without logging in: the page's own cancel form. */
  cancel(): void;
  expire(): void;
  /** The list of the login's methods (useful when `boot.methods` has more than one). */
  chooseMethod(): void;
};

export type Ends = Pick<AppContext, "finish" | "cancel" | "expire" | "chooseMethod">;

export type Regions = { main: HTMLElement; status: HTMLElement; alert: HTMLElement };

export function createContext(boot: Boot, regions: Regions, ends: Ends): AppContext {
  const skew = boot.serverNow - Date.now();
  let leaving: (() => void)[] = [];
  const onLeave = (fn: () => void) => {
    leaving.push(fn);
  };
  // Writing the same text twice is not announced again: clear first, then write.
  const speak = (region: HTMLElement, text: string) => {
    region.textContent = "";
    window.setTimeout(() => {
      region.textContent = text;
    }, 50);
  };
  return {
    boot,
    api: loginApi(boot.loginId),
    t: (key, values) => format(boot.messages[key], values),
    now: () => Date.now() + skew,
    // Our own words, not the browser's Intl data, which lacks Basque and Galician in some
    // builds (../i18n/time-words.ts). Server instants, in the administration's zone, named.
    duration: (s) => formatDuration(boot.locale, s),
    time: (ms) => zonedTime(boot.locale, ms, boot.timeZone),
    date: (ms) => calendarDate(boot.locale, ms, boot.timeZone),
    announce: (text) => speak(regions.status, text),
    alert: (text) => speak(regions.alert, text),
    showScreen(screen, options = {}) {
      const left = leaving;
      leaving = [];
      for (const fn of left) fn();
      regions.main.replaceChildren(screen);
      regions.alert.textContent = "";
      if (options.focus === false) return;
      const heading = screen.querySelector<HTMLElement>("h2");
      heading?.setAttribute("tabindex", "-1");
      heading?.focus();
    },
    everySecond(fn) {
      // Registered before the first run, which may itself replace the screen.
      const timer = window.setInterval(fn, 1000);
      onLeave(() => window.clearInterval(timer));
      fn();
    },
    onLeave,
    ...ends,
  };
}
