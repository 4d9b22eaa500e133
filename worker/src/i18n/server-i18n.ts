/**
 * The worker's own texts in the eight languages: Llave's server-rendered pages (errors, logout,
 * the header) and the SMS and e-mail messages. The login app's catalogs
 * (web-widget/src/i18n) hold what the login app shows; these hold what only the server says.
 *
 * A page speaks the language its request negotiates, as the login page does: `?lang=`, then
 * the authorization request's `ui_locales` when there is one, then Accept-Language, then
 * Spanish. A message speaks the citizen's language: the one of their last completed login
 * (stored on the citizen), else the language of the request that caused it, else Spanish.
 * Times and dates come from web-widget/src/i18n/time-words.ts, in the administration's zone.
 *
 * @example
 * const { t, time } = texts(messageLocale(citizen), config.timeZone);
 * t("sms.pin", { pin, time: time(expiresAt) });
 */
import type { Context } from "hono";
import {
  acceptedLanguages,
  chooseLocale,
  format,
  type Locale,
  supportedLocale,
} from "../../../web-widget/src/i18n/catalog.ts";
import {
  calendarDate,
  formatDuration,
  zonedTime,
} from "../../../web-widget/src/i18n/time-words.ts";
import { ca } from "./ca.ts";
import { en } from "./en.ts";
import { es } from "./es.ts";
import { eu } from "./eu.ts";
import { fr } from "./fr.ts";
import { gl } from "./gl.ts";
import { it } from "./it.ts";
import { ro } from "./ro.ts";

export type ServerKey = keyof typeof es;
/** A complete catalog: every key of the Spanish source, translated. */
export type ServerCatalog = Record<ServerKey, string>;

export const SERVER_CATALOGS: Record<Locale, ServerCatalog> = { es, ca, gl, eu, en, fr, it, ro };

export type Texts = {
  locale: Locale;
  t(key: ServerKey, values?: Record<string, string | number>): string;
  /** "10:42 (hora de Madrid)". */
  time(epochMs: number): string;
  /** "7 de diciembre de 2026". */
  date(epochMs: number): string;
  /** "45 segundos", "3 minutos". */
  duration(seconds: number): string;
};

export function texts(locale: Locale, timeZone: string): Texts {
  const catalog = SERVER_CATALOGS[locale];
  return {
    locale,
    t: (key, values) => format(catalog[key], values),
    time: (ms) => zonedTime(locale, ms, timeZone),
    date: (ms) => calendarDate(locale, ms, timeZone),
    duration: (s) => formatDuration(locale, s),
  };
}

/** The language of a page: `?lang=`, then `uiLocales`, then Accept-Language, else Spanish. */
export function pageLocale(c: Context, uiLocales: readonly string[] = []): Locale {
  const picked = c.req.query("lang");
  return chooseLocale(
    picked ? [picked] : [],
    [...uiLocales],
    acceptedLanguages(c.req.header("accept-language")),
  );
}

/**
 * The language of a message to `citizen`: the one remembered from their last login, else
 * `fallback` (the language of the request that caused the message), else Spanish.
 */
export function messageLocale(
  citizen: { locale?: string | null },
  fallback: Locale | null = null,
): Locale {
  return (citizen.locale ? supportedLocale(citizen.locale) : null) ?? fallback ?? "es";
}

/**
 * The texts of a message to `citizen`: their remembered language, else the one the request
 * `c` negotiates (with the login's `ui_locales`), in the administration's time zone.
 */
export function citizenTexts(
  citizen: { locale?: string | null },
  timeZone: string,
  c?: Context,
  uiLocales: readonly string[] = [],
): Texts {
  return texts(messageLocale(citizen, c ? pageLocale(c, uiLocales) : null), timeZone);
}

/** "8 de diciembre de 2026, 10:42 (hora de Madrid)": when a lockout or a wait ends. */
export const untilText = (lang: Texts, ms: number): string => `${lang.date(ms)}, ${lang.time(ms)}`;
