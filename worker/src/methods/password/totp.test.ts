/**
 * The codes the server lists for a seed are RFC 6238's (Appendix B, SHA-1 seed, cut to six
 * digits as RFC 4226 §5.3 truncates), a new seed is 160 random bits from the Random port, and
 * it is stored only sealed, for its own device.
 */
import { describe, expect, it } from "vitest";
import type { AppDeps } from "../../app.ts";
import { cryptoRandom } from "../../crypto/random.ts";
import { newTotpSeed, openTotpSeed, totpBox, totpCandidates, totpStep } from "./totp.ts";

const RFC_SEED = new TextEncoder().encode("12345678901234567890");
const deps = {
  config: { password: { pepper: "a-pepper-of-at-least-thirty-two-bytes-for-tests" } },
  random: cryptoRandom,
} as unknown as Pick<AppDeps, "config" | "random">;

describe("totpCandidates", () => {
  it.each([
    [59, 1, "287082"],
    [1111111109, 37037036, "081804"],
    [1234567890, 41152263, "005924"],
    [2000000000, 66666666, "279037"],
  ])("at T=%i lists step %i's RFC 6238 code %s, with one step either side", (t, step, code) => {
    const candidates = totpCandidates([{ deviceId: "dev_a", seed: RFC_SEED }], t * 1000);
    expect(totpStep(t * 1000)).toBe(step);
    expect(candidates.map((c) => c.step)).toEqual([step - 1, step, step + 1]);
    expect(candidates[1]).toEqual({ deviceId: "dev_a", step, code });
  });

  it("lists every device's codes", () => {
    const other = new Uint8Array(20).fill(7);
    const candidates = totpCandidates(
      [
        { deviceId: "dev_a", seed: RFC_SEED },
        { deviceId: "dev_b", seed: other },
      ],
      59_000,
    );
    expect(candidates.map((c) => c.deviceId)).toEqual([
      "dev_a",
      "dev_a",
      "dev_a",
      "dev_b",
      "dev_b",
      "dev_b",
    ]);
  });
});

describe("newTotpSeed", () => {
  it("draws 20 bytes from the Random port and answers them in base32 with the defaults", async () => {
    const seed = new Uint8Array(20).map((_, i) => i + 1);
    const fixed = {
      ...deps,
      random: { bytes: (n: number) => (n === 20 ? seed.slice() : cryptoRandom.bytes(n)) },
    };
    const { sealed, setup } = await newTotpSeed(fixed, "dev_a");
    expect(setup).toEqual({
      secret: "AEBAGBAFAYDQQCIKBMGA2DQPCAIREEYU",
      algorithm: "SHA1",
      digits: 6,
      period: 30,
    });
    expect(sealed).not.toContain(setup.secret);
    expect(await openTotpSeed(totpBox(fixed), "dev_a", sealed)).toEqual(seed);
  });

  it("a sealed seed opens only for its own device", async () => {
    const { sealed } = await newTotpSeed(deps, "dev_a");
    expect(await openTotpSeed(totpBox(deps), "dev_b", sealed)).toBeNull();
  });
});
