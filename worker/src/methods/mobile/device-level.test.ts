/** device-level.ts: what a device asserts during and after its binding wait (pure). */
import { describe, expect, it } from "vitest";
import { bestDeviceLevel, deviceLevel, weakestDeviceLevel } from "./device-level.ts";

const T = 1_800_000_000_000;
const TEN_MINUTES = 600_000;
const bound = { status: "active" as const, waitEndsAt: T - 1, revokedAt: null };
const waiting = { status: "active" as const, waitEndsAt: T + 1, revokedAt: null };

describe("deviceLevel", () => {
  it("is low until the wait ends, then the full level, never more than it", () => {
    expect(deviceLevel({ waitEndsAt: T + 1 }, "substantial", T)).toBe("low");
    expect(deviceLevel({ waitEndsAt: T }, "substantial", T)).toBe("substantial");
    expect(deviceLevel({ waitEndsAt: T + 1 }, "low", T)).toBe("low");
  });
});

describe("weakestDeviceLevel", () => {
  it("is the weakest active device's level", () => {
    expect(weakestDeviceLevel([bound], "substantial", T, TEN_MINUTES)).toBe("substantial");
    expect(weakestDeviceLevel([bound, waiting], "substantial", T, TEN_MINUTES)).toBe("low");
  });

  it("counts a device revoked within the window, not one revoked long ago", () => {
    const justRevoked = { ...waiting, status: "revoked" as const, revokedAt: T - 1000 };
    const longAgo = { ...waiting, status: "revoked" as const, revokedAt: T - TEN_MINUTES };
    expect(weakestDeviceLevel([justRevoked], "substantial", T, TEN_MINUTES)).toBe("low");
    expect(weakestDeviceLevel([bound, longAgo], "substantial", T, TEN_MINUTES)).toBe("substantial");
  });

  it("is the channel's level when no device could have read it", () => {
    expect(weakestDeviceLevel([], "substantial", T, TEN_MINUTES)).toBe("substantial");
  });
});

describe("bestDeviceLevel", () => {
  it("is the best active device's level, null without one", () => {
    expect(bestDeviceLevel([waiting, bound], "substantial", T)).toBe("substantial");
    expect(bestDeviceLevel([waiting], "substantial", T)).toBe("low");
    expect(bestDeviceLevel([{ ...bound, status: "revoked" }], "substantial", T)).toBeNull();
  });
});
