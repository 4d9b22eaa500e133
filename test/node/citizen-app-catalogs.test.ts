/** The citizen app's languages (citizen-app/src/i18n) pass the checks of every catalog. */
import { describe, expect, it } from "vitest";
import { CATALOGS } from "../../citizen-app/src/i18n/catalogs.ts";
import { es } from "../../citizen-app/src/i18n/es.ts";
import { catalogChecks } from "./catalog-suite.ts";

describe("citizen app catalogs", () => {
  it("takes Spanish as the source", () => {
    expect(CATALOGS.es).toBe(es);
  });
  catalogChecks(CATALOGS);
});
