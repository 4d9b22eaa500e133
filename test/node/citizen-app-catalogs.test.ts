/**
 * The citizen app's languages (citizen-app/src/i18n): every catalog has exactly the keys of
 * the Spanish source, no empty message, and the same `{placeholders}` per message, so `format`
 * fills in every language alike. The type `Catalog` catches a missing key at build time; these
 * checks hold at run time, for what the type cannot see (empty strings, placeholders, extras).
 */
import { describe, expect, it } from "vitest";
import { LOCALES, placeholders } from "../../citizen-app/src/i18n/catalog.ts";
import { CATALOGS } from "../../citizen-app/src/i18n/catalogs.ts";
import { es } from "../../citizen-app/src/i18n/es.ts";

const spanishKeys = Object.keys(es).sort();
const others = LOCALES.filter((locale) => locale !== "es");

describe("citizen app catalogs", () => {
  it("has one catalog for each of the login app's eight locales, Spanish the source", () => {
    expect(Object.keys(CATALOGS).sort()).toEqual([...LOCALES].sort());
    expect(CATALOGS.es).toBe(es);
  });

  it.each(others)("%s has exactly the keys of es", (locale) => {
    expect(Object.keys(CATALOGS[locale]).sort()).toEqual(spanishKeys);
  });

  it.each(LOCALES)("%s has no empty message", (locale) => {
    const empty = Object.entries(CATALOGS[locale])
      .filter(([, message]) => typeof message !== "string" || message.trim() === "")
      .map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it.each(others)("%s uses the placeholders of es in every message", (locale) => {
    const catalog = CATALOGS[locale] as Record<string, string>;
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
});
