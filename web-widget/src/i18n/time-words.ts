/**
 * Durations, dates and clock times in the eight languages, from our own words and plural rules
 * rather than the runtime's Intl locale data: Debian's Chromium (and other browsers built
 * without full ICU data) has no Basque or Galician units or month names, and fell back to
 * "60 segundos barru". Only numbers in a time zone come from Intl (`en-US`, which every runtime
 * has, with the IANA zone data Intl always carries).
 *
 * Times are shown in the administration's time zone (worker config `TIME_ZONE`), named beside
 * them ("10:42 (hora de Madrid)"): the login page, the citizen app, SMS and e-mail all say the
 * same time, whatever the zone of the citizen's device.
 *
 * Shared by the worker (messages, pages), the login app and the citizen app; imports nothing.
 *
 * @example
 * const words = TIME_WORDS.eu;
 * formatDuration("eu", 60); // "60 segundo"
 * zonedTime("gl", Date.UTC(2026, 11, 7, 9, 42), "Europe/Madrid"); // "10:42 (hora de Madrid)"
 */
import type { Locale } from "./catalog.ts";

type Plural = { one: string; few?: string; other: string };

export type TimeWords = {
  second: Plural;
  minute: Plural;
  /** January to December, in the form the date pattern needs (Catalan: "de gener"). */
  months: readonly string[];
  /** `{day}`, `{month}`, `{year}`. */
  date: string;
  /** A time with its zone: `{time}` (14:32) and `{city}`. */
  zoned: string;
};

export const TIME_WORDS: Record<Locale, TimeWords> = {
  es: {
    second: { one: "{n} segundo", other: "{n} segundos" },
    minute: { one: "{n} minuto", other: "{n} minutos" },
    months: [
      "enero",
      "febrero",
      "marzo",
      "abril",
      "mayo",
      "junio",
      "julio",
      "agosto",
      "septiembre",
      "octubre",
      "noviembre",
      "diciembre",
    ],
    date: "{day} de {month} de {year}",
    zoned: "{time} (hora de {city})",
  },
  ca: {
    second: { one: "{n} segon", other: "{n} segons" },
    minute: { one: "{n} minut", other: "{n} minuts" },
    months: [
      "de gener",
      "de febrer",
      "de març",
      "d’abril",
      "de maig",
      "de juny",
      "de juliol",
      "d’agost",
      "de setembre",
      "d’octubre",
      "de novembre",
      "de desembre",
    ],
    date: "{day} {month} de {year}",
    zoned: "{time} (hora de {city})",
  },
  gl: {
    second: { one: "{n} segundo", other: "{n} segundos" },
    minute: { one: "{n} minuto", other: "{n} minutos" },
    months: [
      "xaneiro",
      "febreiro",
      "marzo",
      "abril",
      "maio",
      "xuño",
      "xullo",
      "agosto",
      "setembro",
      "outubro",
      "novembro",
      "decembro",
    ],
    date: "{day} de {month} de {year}",
    zoned: "{time} (hora de {city})",
  },
  eu: {
    // Basque does not mark the plural after a numeral: "60 segundo barru".
    second: { one: "{n} segundo", other: "{n} segundo" },
    minute: { one: "{n} minutu", other: "{n} minutu" },
    months: [
      "urtarrilaren",
      "otsailaren",
      "martxoaren",
      "apirilaren",
      "maiatzaren",
      "ekainaren",
      "uztailaren",
      "abuztuaren",
      "irailaren",
      "urriaren",
      "azaroaren",
      "abenduaren",
    ],
    date: "{year}(e)ko {month} {day}(a)",
    zoned: "{time} ({city} aldeko ordua)",
  },
  en: {
    second: { one: "{n} second", other: "{n} seconds" },
    minute: { one: "{n} minute", other: "{n} minutes" },
    months: [
      "January",
      "February",
      "March",
      "April",
      "May",
      "June",
      "July",
      "August",
      "September",
      "October",
      "November",
      "December",
    ],
    date: "{day} {month} {year}",
    zoned: "{time} ({city} time)",
  },
  fr: {
    second: { one: "{n} seconde", other: "{n} secondes" },
    minute: { one: "{n} minute", other: "{n} minutes" },
    months: [
      "janvier",
      "février",
      "mars",
      "avril",
      "mai",
      "juin",
      "juillet",
      "août",
      "septembre",
      "octobre",
      "novembre",
      "décembre",
    ],
    date: "{day} {month} {year}",
    zoned: "{time} (heure de {city})",
  },
  it: {
    second: { one: "{n} secondo", other: "{n} secondi" },
    minute: { one: "{n} minuto", other: "{n} minuti" },
    months: [
      "gennaio",
      "febbraio",
      "marzo",
      "aprile",
      "maggio",
      "giugno",
      "luglio",
      "agosto",
      "settembre",
      "ottobre",
      "novembre",
      "dicembre",
    ],
    date: "{day} {month} {year}",
    zoned: "{time} (ora di {city})",
  },
  ro: {
    second: { one: "{n} secundă", few: "{n} secunde", other: "{n} de secunde" },
    minute: { one: "{n} minut", few: "{n} minute", other: "{n} de minute" },
    months: [
      "ianuarie",
      "februarie",
      "martie",
      "aprilie",
      "mai",
      "iunie",
      "iulie",
      "august",
      "septembrie",
      "octombrie",
      "noiembrie",
      "decembrie",
    ],
    date: "{day} {month} {year}",
    zoned: "{time} (ora din {city})",
  },
};

/**
 * The plural category of a whole number (CLDR's rules for our languages, written out so they
 * do not depend on the runtime's data): French counts 0 as singular; Romanian uses "few" for
 * 0 and for 2–19 after the hundreds ("20 de secunde" but "19 secunde").
 */
export function pluralOf(locale: Locale, n: number): keyof Plural {
  if (locale === "fr") return n === 0 || n === 1 ? "one" : "other";
  if (n === 1) return "one";
  if (locale === "ro" && (n === 0 || (n % 100 >= 1 && n % 100 <= 19))) return "few";
  return "other";
}

const fill = (template: string, values: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );

function counted(locale: Locale, unit: Plural, n: number): string {
  const form = unit[pluralOf(locale, n)] ?? unit.other;
  return fill(form, { n });
}

/** "45 segundos" under two minutes, "3 minutos" from then on (rounded up). */
export function formatDuration(locale: Locale, seconds: number): string {
  const words = TIME_WORDS[locale];
  const s = Math.max(0, Math.ceil(seconds));
  return s < 120
    ? counted(locale, words.second, s)
    : counted(locale, words.minute, Math.ceil(s / 60));
}

/** The date and time parts of an instant in `timeZone`. */
export function zonedParts(
  epochMs: number,
  timeZone: string,
): { year: number; month: number; day: number; hour: number; minute: number } {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    hourCycle: "h23",
  }).formatToParts(epochMs);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    year: part("year"),
    month: part("month"),
    day: part("day"),
    hour: part("hour") % 24,
    minute: part("minute"),
  };
}

/** "09:05": every one of our languages writes the 24-hour clock this way. */
export function clockTime(epochMs: number, timeZone: string): string {
  const { hour, minute } = zonedParts(epochMs, timeZone);
  return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}

/** "7 de diciembre de 2026" in `timeZone`. */
export function calendarDate(locale: Locale, epochMs: number, timeZone: string): string {
  const { year, month, day } = zonedParts(epochMs, timeZone);
  const words = TIME_WORDS[locale];
  return fill(words.date, { day, month: words.months[month - 1] ?? String(month), year });
}

/** Cities of the zones a Spanish administration may use, as citizens name them. */
const CITIES: Record<string, string> = {
  "Europe/Madrid": "Madrid",
  "Atlantic/Canary": "Canarias",
  "Africa/Ceuta": "Ceuta",
  "Europe/Rome": "Roma",
  "Europe/Lisbon": "Lisboa",
  "Europe/Paris": "París",
};

/** The city that names a zone: ours, else the last part of its IANA id ("America/New_York" → "New York"). */
export function zoneCity(timeZone: string): string {
  return CITIES[timeZone] ?? (timeZone.split("/").pop() ?? timeZone).replace(/_/g, " ");
}

/** "10:42 (hora de Madrid)": a clock time with the zone it is in. */
export function zonedTime(locale: Locale, epochMs: number, timeZone: string): string {
  return fill(TIME_WORDS[locale].zoned, {
    time: clockTime(epochMs, timeZone),
    city: zoneCity(timeZone),
  });
}
