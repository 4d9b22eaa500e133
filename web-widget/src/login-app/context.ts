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
  /**
   * Replaces the current screen; focus goes to its heading unless `focus` is false. A screen
   * with `ownEnd` has its own way back to the service, so the page's cancel form is hidden
   * while it is shown (two buttons that do the same confuse).
   */
  showScreen(screen: HTMLElement, options?: { focus?: boolean; ownEnd?: boolean }): void;
  /**
   * Runs `fn` every second, from now, while the screen it was registered for is shown: the
   * screen shown when the registering code's task ends, whether it registered before or after
   * calling `showScreen`.
   */
  everySecond(fn: () => void): void;
  /** Runs `fn` once when the screen it was registered for is replaced (as `everySecond`). */
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

export type Regions = {
  main: HTMLElement;
  status: HTMLElement;
  alert: HTMLElement;
  /** The page's own "cancel and go back to the service" form. */
  cancel: HTMLElement | null;
};

/**
 * Who owns a timer or a leave callback. A screen's code may register them before it calls
 * `showScreen` (it builds the screen, then shows it) or after (it shows it, then follows
 * something for it): either way they belong to the screen shown once that code has run, so
 * registrations are held until the end of the current task (a microtask) and then bound to
 * the screen shown at that moment. `showScreen` runs the callbacks bound to the screen it
 * replaces, never ones still waiting to be bound: binding at the moment of registration let
 * the `showScreen` that followed stop the timers of the very screen it showed (issue 15).
 */
function screenOwnership() {
  let bound: (() => void)[] = [];
  type Registration = { start(): () => void; first?: () => void };
  let pending: Registration[] = [];
  const bind = () => {
    const starting = pending;
    pending = [];
    for (const registration of starting) bound.push(registration.start());
    // Only once all are bound: a first run may replace the screen, which must stop them all.
    for (const registration of starting) registration.first?.();
  };
  return {
    register(registration: Registration) {
      if (pending.length === 0) queueMicrotask(bind);
      pending.push(registration);
    },
    /** The current screen is being replaced: stop what belongs to it. */
    leave() {
      const leaving = bound;
      bound = [];
      for (const fn of leaving) fn();
    },
  };
}

export function createContext(boot: Boot, regions: Regions, ends: Ends): AppContext {
  const skew = boot.serverNow - Date.now();
  const owned = screenOwnership();
  const onLeave = (fn: () => void) => owned.register({ start: () => fn });
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
      owned.leave();
      regions.main.replaceChildren(screen);
      // What was said about the previous screen is not true of this one.
      regions.alert.textContent = "";
      regions.status.textContent = "";
      if (regions.cancel) regions.cancel.hidden = options.ownEnd === true;
      if (options.focus === false) return;
      const heading = screen.querySelector<HTMLElement>("h2");
      heading?.setAttribute("tabindex", "-1");
      heading?.focus();
    },
    everySecond(fn) {
      // The first run waits for the binding too: it may itself replace the screen (expiry),
      // which must happen after the screen being built is shown, not before.
      owned.register({
        start() {
          const timer = window.setInterval(fn, 1000);
          return () => window.clearInterval(timer);
        },
        first: fn,
      });
    },
    onLeave,
    ...ends,
  };
}
