/**
 * The login app's languages (web-widget/src/i18n): the checks of every catalog
 * (catalog-suite.ts), and the locale is chosen as the login page promises:
 * the first supported tag of `?lang=`, `ui_locales`, Accept-Language (by q-value), else Spanish.
 * The TypeScript type `Catalog` catches a missing key at build time; these checks hold at run
 * time, for what the type cannot see (empty strings, placeholders, extra keys).
 */
import { describe, expect, it } from "vitest";
import {
  acceptedLanguages,
  chooseLocale,
  format,
  LOCALE_NAMES,
  LOCALES,
  placeholders,
  supportedLocale,
} from "../../web-widget/src/i18n/catalog.ts";
import { CATALOGS } from "../../web-widget/src/i18n/catalogs.ts";
import { es } from "../../web-widget/src/i18n/es.ts";
import { catalogChecks } from "./catalog-suite.ts";

describe("catalogs", () => {
  it("has a name for each of the eight locales, Spanish first, and Spanish is the source", () => {
    expect(LOCALES).toHaveLength(8);
    expect(LOCALES[0]).toBe("es");
    expect(Object.keys(LOCALE_NAMES).sort()).toEqual([...LOCALES].sort());
    expect(CATALOGS.es).toBe(es);
  });

  catalogChecks(CATALOGS);

  it("fills every placeholder of every message in every language", () => {
    const values = { agency: "A", level: "L", type: "T", length: 6, time: "1 min" };
    const extra = {
      minutes: 15,
      tries: 2,
      reason: "R",
      name: "N",
      document: "D",
      date: "1 de enero",
      when: "1 de enero 10:00",
    };
    for (const locale of LOCALES) {
      for (const [key, message] of Object.entries(CATALOGS[locale])) {
        expect(format(message, { ...values, ...extra }), `${locale} ${key}`).not.toMatch(/\{\w+\}/);
      }
    }
  });
});

describe("placeholders and format", () => {
  it("lists a message's placeholders, sorted, repeats included", () => {
    expect(placeholders("{b} y {a}, otra vez {b}")).toEqual(["a", "b", "b"]);
    expect(placeholders("sin nada")).toEqual([]);
    expect(placeholders("{ no } {}")).toEqual([]);
  });

  it("fills known placeholders and leaves unknown ones visible", () => {
    expect(format("{agency} le pide {x}", { agency: "AEAT" })).toBe("AEAT le pide {x}");
    expect(format("{n} cifras", { n: 6 })).toBe("6 cifras");
    // A value that looks like a placeholder is not filled in again.
    expect(format("{a} {b}", { a: "{b}", b: "B" })).toBe("{b} B");
  });
});

describe("supportedLocale", () => {
  it.each([
    ["es", "es"],
    ["ES", "es"],
    ["es-ES", "es"],
    ["es_ES", "es"],
    ["es-419", "es"],
    [" gl-ES ", "gl"],
    ["eu-ES", "eu"],
    ["en-GB", "en"],
    ["fr-CA", "fr"],
    ["it-IT", "it"],
    ["ro-RO", "ro"],
    ["ca", "ca"],
    ["ca-ES-valencia", "ca"],
    ["va", "ca"],
    ["va-ES", "ca"],
    ["VA", "ca"],
  ])("%s → %s", (tag, locale) => {
    expect(supportedLocale(tag)).toBe(locale);
  });

  it.each([
    "pt-BR",
    "de",
    "",
    "*",
    "e",
    "english",
    "x-klingon",
    "i-default",
    "esperanto",
    "-es",
    "123",
  ])("%j is not supported", (tag) => {
    expect(supportedLocale(tag)).toBeNull();
  });
});

describe("acceptedLanguages", () => {
  it("orders by q-value, keeping the header's order between equal weights", () => {
    expect(acceptedLanguages("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5")).toEqual([
      "fr-CH",
      "fr",
      "en",
      "de",
    ]);
    expect(acceptedLanguages("de;q=0.2, it;q=0.8, ro, gl;q=0.8")).toEqual(["ro", "it", "gl", "de"]);
  });

  it("drops q=0 and the wildcard, and reads spaces around parameters", () => {
    expect(acceptedLanguages("en;q=0, es ; q=0.5, *, ca;q=0.000")).toEqual(["es"]);
    expect(acceptedLanguages("  eu  ,,  gl ;  q=0.3 ")).toEqual(["eu", "gl"]);
  });

  // Parameter names are case-insensitive (RFC 9110 5.6.6, 12.4.2).
  it("reads the weight's name case-insensitively", () => {
    expect(acceptedLanguages("en;Q=0.1, fr")).toEqual(["fr", "en"]);
  });

  it("answers no tags for no header", () => {
    expect(acceptedLanguages(undefined)).toEqual([]);
    expect(acceptedLanguages(null)).toEqual([]);
    expect(acceptedLanguages("")).toEqual([]);
    expect(acceptedLanguages(" , ; ,")).toEqual([]);
  });

  it("reads at most 20 entries of a long header", () => {
    const header = [...Array.from({ length: 30 }, (_, i) => `x${i}`), "es"].join(",");
    const tags = acceptedLanguages(header);
    expect(tags).toHaveLength(20);
    expect(tags).not.toContain("es");
  });

  it.each([
    "q=0.5",
    ";;;",
    "en;q=",
    "en;q=abc",
    "fr;q=.",
    "\u0000\uffff",
    "en;q=0.5;q=0.7",
    "a".repeat(10_000),
  ])("survives garbage %j", (header) => {
    expect(() => acceptedLanguages(header)).not.toThrow();
    const tags = acceptedLanguages(header);
    expect(Array.isArray(tags)).toBe(true);
    expect(LOCALES).toContain(chooseLocale(tags));
  });
});

describe("chooseLocale", () => {
  it("falls back to Spanish", () => {
    expect(chooseLocale()).toBe("es");
    expect(chooseLocale([], [], [])).toBe("es");
    expect(chooseLocale(["de"], ["pt-BR", "*"], ["ja"])).toBe("es");
    expect(chooseLocale(["", "   ", "!!"])).toBe("es");
  });

  it("takes the first supported tag of the first list that has one", () => {
    expect(chooseLocale(["eu"], ["ca"], ["en"])).toBe("eu");
    expect(chooseLocale(["xx"], ["de", "gl", "ca"], ["en"])).toBe("gl");
    expect(chooseLocale([], [], ["ro", "fr"])).toBe("ro");
    expect(chooseLocale(["de"], [], acceptedLanguages("fr;q=0.5, it;q=0.9"))).toBe("it");
  });

  it("reads Valencian as Catalan", () => {
    expect(chooseLocale(["ca-ES-valencia"])).toBe("ca");
    expect(chooseLocale(["va"], ["es"])).toBe("ca");
    expect(chooseLocale([], acceptedLanguages("va-ES, es;q=0.9"))).toBe("ca");
  });
});
