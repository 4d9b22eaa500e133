/**
 * The fixed-window rule behind the per-IP password limit (SECURITY.md "Passwords": rate limits
 * checked before hashing): `limit` hits a window, then a refusal that says when to come back,
 * and refusals that neither count nor push that moment further away.
 */
import { describe, expect, it } from "vitest";
import { type HitOutcome, hitWindow, type Window } from "./limiter-object.ts";

const T0 = 1_800_000_000_000;
const rule = { limit: 3, windowMs: 60_000 };

/** Applies hits at the given times, keeping the window as the object stores it. */
function hits(times: number[], start: Window | null = null) {
  let window = start;
  const outcomes: HitOutcome[] = [];
  for (const now of times) {
    const result = hitWindow(window, { ...rule, now });
    window = result.window;
    outcomes.push(result.outcome);
  }
  return { outcomes, window };
}

describe("hitWindow", () => {
  it("lets `limit` hits through in a window, then refuses until the window ends", () => {
    const { outcomes, window } = hits([T0, T0 + 1, T0 + 2, T0 + 3]);
    expect(outcomes).toEqual([
      { ok: true },
      { ok: true },
      { ok: true },
      { ok: false, retryAt: T0 + 60_000 },
    ]);
    expect(window).toEqual({ startedAt: T0, count: 3 });
  });

  it("refused hits are not counted and do not push the end of the window", () => {
    const { outcomes, window } = hits([T0, T0, T0, T0 + 10_000, T0 + 59_999, T0 + 59_999]);
    expect(outcomes.slice(3)).toEqual([
      { ok: false, retryAt: T0 + 60_000 },
      { ok: false, retryAt: T0 + 60_000 },
      { ok: false, retryAt: T0 + 60_000 },
    ]);
    expect(window).toEqual({ startedAt: T0, count: 3 });
  });

  it("starts a new window at the first hit once the previous one has ended", () => {
    const { outcomes, window } = hits([T0, T0, T0, T0 + 60_000, T0 + 60_001]);
    expect(outcomes.slice(3)).toEqual([{ ok: true }, { ok: true }]);
    expect(window).toEqual({ startedAt: T0 + 60_000, count: 2 });
  });

  it("is a fixed window: hits late in it do not carry over into the next", () => {
    const { outcomes } = hits([T0 + 59_000, T0 + 59_500, T0 + 59_999, T0 + 60_000], {
      startedAt: T0,
      count: 0,
    });
    expect(outcomes.every((o) => o.ok)).toBe(true);
  });

  it("a limit of one allows exactly one hit a window", () => {
    const one = (window: Window | null, now: number) =>
      hitWindow(window, { limit: 1, windowMs: 1_000, now });
    const a = one(null, T0);
    const b = one(a.window, T0 + 999);
    const c = one(b.window, T0 + 1_000);
    expect([a.outcome, b.outcome, c.outcome]).toEqual([
      { ok: true },
      { ok: false, retryAt: T0 + 1_000 },
      { ok: true },
    ]);
  });
});
