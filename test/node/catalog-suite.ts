/**
 * The checks every app's catalogs must pass (the login app's and the citizen app's): one
 * catalog per locale, Spanish the source; every catalog has exactly its keys, no empty message,
 * and the same `{placeholders}` per message, so `format` fills in every language alike. The
 * type `Catalog` catches a missing key at build time; these hold at run time, for what the
 * type cannot see (empty strings, placeholders, extra keys).
 */
import { expect, it } from "vitest";
import { LOCALES, type Locale, placeholders } from "../../web-widget/src/i18n/catalog.ts";

export function catalogChecks(catalogs: Record<Locale, Record<string, string>>): void {
  const es = catalogs.es;
  const spanishKeys = Object.keys(es).sort();
  const others = LOCALES.filter((locale) => locale !== "es");

  it("has one catalog for each of the eight locales", () => {
    expect(Object.keys(catalogs).sort()).toEqual([...LOCALES].sort());
  });

  it.each(others)("%s has exactly the keys of es", (locale) => {
    expect(Object.keys(catalogs[locale]).sort()).toEqual(spanishKeys);
  });

  it.each(LOCALES)("%s has no empty message", (locale) => {
    const empty = Object.entries(catalogs[locale])
      .filter(([, message]) => typeof message !== "string" || message.trim() === "")
      .map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it.each(others)("%s uses the placeholders of es in every message", (locale) => {
    const catalog = catalogs[locale];
    const mismatched = Object.entries(es)
      .filter(([key, source]) => {
        const translated = catalog[key];
        return (
          translated === undefined ||
          JSON.stringify(placeholders(translated)) !== JSON.stringify(placeholders(source))
        );
      })
      .map(([key]) => `${key}: ${catalog[key]}`);
    expect(mismatched).toEqual([]);
  });
}
