/**
 * The login app's languages: the catalogs' type, the eight locales, how one is chosen, and
 * how a message is filled in. Shared by the worker (which picks the locale and embeds that one
 * catalog in the page) and the login app (which only ever sees the active catalog).
 */
import type { es } from "./es.ts";

export type MessageKey = keyof typeof es;
/** A complete catalog: every key of the Spanish source, translated. */
export type Catalog = Record<MessageKey, string>;

/** Spanish first: the fallback when nothing the citizen prefers is available. */
export const LOCALES = ["es", "ca", "gl", "eu", "en", "fr", "it", "ro"] as const;
export type Locale = (typeof LOCALES)[number];

/** Each language's name in itself, for the language switcher. */
export const LOCALE_NAMES: Record<Locale, string> = {
  es: "Español",
  ca: "Català / Valencià",
  gl: "Galego",
  eu: "Euskara",
  en: "English",
  fr: "Français",
  it: "Italiano",
  ro: "Română",
};

const isLocale = (tag: string): tag is Locale => (LOCALES as readonly string[]).includes(tag);

/**
 * The supported locale of a BCP 47 tag by its primary language (`ca-ES-valencia` → `ca`;
 * `va`, the old Valencian code some systems still send, → `ca`), or null.
 */
export function supportedLocale(tag: string): Locale | null {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0] ?? "";
  if (primary === "va") return "ca";
  return isLocale(primary) ? primary : null;
}

/** Tags of an Accept-Language header, most preferred first (RFC 9110 12.5.4). */
export function acceptedLanguages(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .split(",")
    .slice(0, 20)
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/i.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.tag !== "" && entry.tag !== "*" && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((entry) => entry.tag);
}

/**
 * The first supported locale among the candidates, in the order given (the caller puts the
 * request's `ui_locales` first, then the element's `locale`, then Accept-Language); Spanish
 * when none is supported.
 */
export function chooseLocale(...candidates: readonly string[][]): Locale {
  for (const list of candidates) {
    for (const tag of list) {
      const locale = supportedLocale(tag);
      if (locale) return locale;
    }
  }
  return "es";
}

/** A message with its `{name}` placeholders filled in; unknown placeholders stay visible. */
export function format(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

/** The placeholders a message uses, for the catalog test. */
export const placeholders = (template: string): string[] =>
  [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "").sort();
