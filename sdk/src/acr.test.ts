import { describe, expect, it } from "vitest";
import { acrLevel, acrMeets, acrUri } from "./acr.ts";

describe("levels of assurance", () => {
  it("orders low < substantial < high", () => {
    expect(acrMeets(acrUri("high"), "substantial")).toBe(true);
    expect(acrMeets(acrUri("substantial"), "substantial")).toBe(true);
    expect(acrMeets(acrUri("low"), "substantial")).toBe(false);
    expect(acrMeets(acrUri("low"), "low")).toBe(true);
  });

  it("meets nothing with an unknown or missing acr", () => {
    expect(acrMeets("http://eidas.europa.eu/LoA/NotNotified/high", "low")).toBe(false);
    expect(acrMeets(undefined, "low")).toBe(false);
    expect(acrLevel("urn:x")).toBeNull();
    expect(acrLevel("substantial")).toBe("substantial");
  });
});
