/**
 * The worker's own texts (worker/src/i18n: Llave's pages, SMS and e-mail) pass the checks of
 * every catalog (catalog-suite.ts), and durations, dates and times come out right in all eight
 * languages from our own words (web-widget/src/i18n/time-words.ts), whatever Intl data the
 * runtime has.
 */
import { describe, expect, it } from "vitest";
import { LOCALES } from "../../web-widget/src/i18n/catalog.ts";
import {
  calendarDate,
  clockTime,
  formatDuration,
  pluralOf,
  TIME_WORDS,
  zonedTime,
} from "../../web-widget/src/i18n/time-words.ts";
import { SERVER_CATALOGS } from "../../worker/src/i18n/server-i18n.ts";
import { catalogChecks } from "./catalog-suite.ts";

describe("server catalogs", () => {
  catalogChecks(SERVER_CATALOGS);
});

// 7 December 2026, 09:42 UTC: 10:42 in Madrid, 09:42 in the Canary Islands.
const AT = Date.UTC(2026, 11, 7, 9, 42);

describe("time words", () => {
  it("has twelve months and every unit in each language", () => {
    for (const locale of LOCALES) {
      expect(TIME_WORDS[locale].months, locale).toHaveLength(12);
      expect(formatDuration(locale, 5), locale).toMatch(/^5 \S/);
    }
  });

  it("writes durations in Basque and Galician words, not the runtime's fallback", () => {
    expect(formatDuration("eu", 60)).toBe("60 segundo");
    expect(formatDuration("eu", 1)).toBe("1 segundo");
    expect(formatDuration("eu", 300)).toBe("5 minutu");
    expect(formatDuration("gl", 60)).toBe("60 segundos");
    expect(formatDuration("gl", 1)).toBe("1 segundo");
    expect(formatDuration("gl", 600)).toBe("10 minutos");
    expect(formatDuration("ca", 45)).toBe("45 segons");
    expect(formatDuration("es", 119)).toBe("119 segundos");
    expect(formatDuration("es", 119.2)).toBe("2 minutos");
  });

  it("follows each language's plural rules", () => {
    expect(pluralOf("fr", 0)).toBe("one");
    expect(formatDuration("fr", 1)).toBe("1 seconde");
    expect(formatDuration("ro", 1)).toBe("1 secundă");
    expect(formatDuration("ro", 19)).toBe("19 secunde");
    expect(formatDuration("ro", 60)).toBe("60 de secunde");
    expect(formatDuration("ro", 180)).toBe("3 minute");
    expect(formatDuration("en", 1)).toBe("1 second");
    expect(formatDuration("it", 600)).toBe("10 minuti");
  });

  it("writes dates in every language", () => {
    expect(calendarDate("es", AT, "Europe/Madrid")).toBe("7 de diciembre de 2026");
    expect(calendarDate("eu", AT, "Europe/Madrid")).toBe("2026(e)ko abenduaren 7(a)");
    expect(calendarDate("gl", AT, "Europe/Madrid")).toBe("7 de decembro de 2026");
    expect(calendarDate("ca", AT, "Europe/Madrid")).toBe("7 de desembre de 2026");
    expect(calendarDate("en", AT, "Europe/Madrid")).toBe("7 December 2026");
    // Just before midnight in Madrid is already the next day nowhere else but there.
    expect(calendarDate("es", Date.UTC(2026, 11, 31, 23, 30), "Europe/Madrid")).toBe(
      "1 de enero de 2027",
    );
  });

  it("says a time in the administration's zone and names it", () => {
    expect(clockTime(AT, "Europe/Madrid")).toBe("10:42");
    expect(zonedTime("es", AT, "Europe/Madrid")).toBe("10:42 (hora de Madrid)");
    expect(zonedTime("es", AT, "Atlantic/Canary")).toBe("09:42 (hora de Canarias)");
    expect(zonedTime("eu", AT, "Europe/Madrid")).toBe("10:42 (Madrid aldeko ordua)");
    expect(zonedTime("en", AT, "America/New_York")).toBe("04:42 (New York time)");
    expect(clockTime(Date.UTC(2026, 6, 1, 22, 5), "Europe/Madrid")).toBe("00:05");
  });
});
