/**
 * Follows a mobile login's status (docs/mobile.md, "Login API") for as long as the screen that
 * asked is shown: `GET …/mobile?after={version}` again as soon as each answer arrives. The
 * server holds each request until the status moves on or the QR's next second begins, so this
 * is one request a second at most, and each answer brings the QR's next frame.
 *
 * Leaving the screen aborts the request in flight and ends the loop: a page never polls for a
 * screen it no longer shows. A lost connection (or a server error) is retried with back-off
 * and reported through `trouble` without blocking the screen; a problem that retrying cannot
 * fix ends the loop through `problem`.
 */
import type { MobileStatus, Problem } from "./api.ts";
import type { AppContext } from "./context.ts";

export type Follow = {
  /** Each answer; returning false ends the loop (the login ended, or another screen took over). */
  status(status: MobileStatus): boolean;
  /** The connection was lost (true) or is back (false). */
  trouble(down: boolean): void;
  problem(problem: Problem): void;
};

/** Problems worth asking again for: the network, the server or a proxy, a rate limit. */
const RETRY = new Set(["network", "unknown", "server_error", "temporarily_unavailable"]);
/** A server that answered at once every time must not be asked in a tight loop. */
const MIN_GAP_MS = 250;
const MAX_BACKOFF_MS = 15_000;

/** Resolves after `ms`, or at once when `signal` aborts. */
const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (ms <= 0 || signal.aborted) return resolve();
    const done = () => {
      window.clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = window.setTimeout(done, ms);
    signal.addEventListener("abort", done);
  });

/** @example followStatus(ctx, status.version, { status: apply, trouble: notice, problem }); */
export function followStatus(ctx: AppContext, after: number, on: Follow): void {
  const controller = new AbortController();
  const { signal } = controller;
  ctx.onLeave(() => controller.abort());
  void (async () => {
    let version = after;
    let failures = 0;
    while (!signal.aborted) {
      const started = Date.now();
      const result = await ctx.api.mobileStatus(version, signal);
      if (signal.aborted) return;
      if (result.ok) {
        if (failures > 0) on.trouble(false);
        failures = 0;
        version = result.body.version;
        if (!on.status(result.body)) return;
        await pause(MIN_GAP_MS - (Date.now() - started), signal);
        continue;
      }
      const { problem } = result;
      const limited = problem.code === "rate_limited";
      if (!RETRY.has(problem.code) && !limited) return on.problem(problem);
      failures++;
      if (failures === 1) on.trouble(true);
      const backoff = Math.min(1000 * 2 ** (failures - 1), MAX_BACKOFF_MS);
      await pause(Math.max(backoff, (problem.retryAfter ?? 0) * 1000), signal);
    }
  })();
}
