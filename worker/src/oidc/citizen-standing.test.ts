import { describe, expect, it } from "vitest";
import type { Citizen } from "../storage/account-store.ts";
import { capped, standingOf } from "./citizen-standing.ts";

const policy = {
  pinSms: "low",
  pinApp: "substantial",
  pinPersonalised: "low",
  password: "low",
  passwordOtp: "substantial",
  mobile: "substantial",
  capBasic: "low",
  capAdvanced: "substantial",
} as const;

const citizen = (over: Partial<Citizen>): Citizen =>
  ({ id: "cit_1", status: "active", registrationLevel: "advanced", ...over }) as Citizen;

describe("a citizen's standing", () => {
  it("refuses a citizen who is gone, suspended or revoked, whatever the level", () => {
    for (const who of [null, citizen({ status: "suspended" }), citizen({ status: "revoked" })]) {
      expect(standingOf(policy, who, null)).toEqual({ ok: false, reason: "not_active" });
      expect(standingOf(policy, who, "low")).toEqual({ ok: false, reason: "not_active" });
    }
  });

  it("refuses a level above the registration's cap, and answers the cap otherwise", () => {
    const lowered = citizen({ registrationLevel: "basic" });
    expect(standingOf(policy, lowered, "substantial")).toEqual({
      ok: false,
      reason: "level_lowered",
    });
    expect(standingOf(policy, lowered, "low")).toMatchObject({ ok: true, cap: "low" });
    expect(standingOf(policy, lowered, null)).toMatchObject({ ok: true, cap: "low" });
    expect(standingOf(policy, citizen({}), "substantial")).toMatchObject({
      ok: true,
      cap: "substantial",
    });
    expect(standingOf(policy, citizen({}), "high")).toEqual({ ok: false, reason: "level_lowered" });
  });

  it("caps a session's level, never raises it", () => {
    expect(capped("substantial", "low")).toBe("low");
    expect(capped("low", "substantial")).toBe("low");
  });
});
