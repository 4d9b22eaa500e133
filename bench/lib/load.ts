/**
 * The load generator: closed-loop virtual users running PIN logins against the worker, in two
 * flows:
 *
 * - `pin`, **PIN verification** (the "request + verify", the figure the target is judged
 *   on): Get PIN, the PIN read from the outbox, verify — on a login created before the phase,
 *   outside the measured window, and left idle (by default long enough for workerd to evict its
 *   LoginObject, as when a citizen takes more than 10 s to type the document);
 * - `full`, the **full flow**: the same preceded by the login's start, `GET /authorize` of the
 *   bench's agency answering `302 /login/{id}`, as a citizen's browser gets there.
 *
 * Every request carries the generator's login binding cookie (a default header of its client,
 * login-start.ts): the worker takes a login's steps only from the browser that started it.
 */
import type { CoresUsed } from "./cpu.ts";
import { CpuWindow, maxOpenFiles, openFds } from "./cpu.ts";
import { type Client, expectStatus, FunctionalError } from "./http.ts";
import { START_STEP, startLogin } from "./login-start.ts";
import type { NodeSideMeter, PinInbox } from "./node-side.ts";
import { CONTRAST, type Options, TARGET } from "./options.ts";
import type { BenchCitizen, CitizenPool } from "./setup.ts";
import { round, Samples, type Summary } from "./stats.ts";

export type BenchContext = {
  client: Client;
  pool: CitizenPool;
  inbox: PinInbox;
  meter: NodeSideMeter;
  workerdPid: number | undefined;
  options: Options;
};

export const FLOWS = ["pin", "full"] as const;
export type Flow = (typeof FLOWS)[number];
export const FLOW_LABELS: Record<Flow, string> = {
  pin: "PIN verification (login created beforehand)",
  full: `full flow (with ${START_STEP})`,
};

export const STEPS = ["create", "getPin", "pinDelivery", "verify"] as const;
export type Step = (typeof STEPS)[number];
export const STEP_LABELS: Record<Step | "total", string> = {
  create: START_STEP,
  getPin: "POST …/pin (Get PIN, sms)",
  pinDelivery: "PIN in outbox, after Get PIN answered",
  verify: "POST …/pin/verify",
  total: "total",
};
const FLOW_STEPS: Record<Flow, readonly Step[]> = {
  pin: ["getPin", "pinDelivery", "verify"],
  full: STEPS,
};

export type LoadResult = {
  flow: Flow;
  concurrency: number;
  /** Seconds measured: the requested duration, shorter only if the prepared logins ran out. */
  measuredS: number;
  verifications: number;
  throughput: number;
  latency: Partial<Record<Step, Summary>> & { total: Summary };
  cpuCores: CoresUsed;
  cpuMsPerVerification: { node: number; workerd: number | null };
  nodeEventLoopDelayMs: { p50: number; p99: number; max: number };
  workerdMaxOpenFds: number | null;
  perVerification: { sqlCalls: number; sqlMs: number; outboxPosts: number };
  /** `pin` flow only: the logins created for it before the phase. */
  logins?: { prepared: number; seconds: number; idleS: number; ranOut: boolean };
  target: { throughput: boolean; p99: boolean; met: boolean };
};

/** A new login, started at the bench agency's /authorize with the generator's binding cookie. */
export function createLogin(ctx: Pick<BenchContext, "client">): Promise<string> {
  return startLogin(ctx.client);
}

/** Get PIN, the PIN from the outbox, verify; returns the time of each of the three, in ms. */
export async function pinVerification(
  ctx: Pick<BenchContext, "client" | "inbox">,
  loginId: string,
  c: BenchCitizen,
): Promise<[number, number, number]> {
  const t0 = performance.now();
  const pinArrives = ctx.inbox.expect(c.mobile);
  pinArrives.catch(() => {}); // awaited below; this only keeps a failed Get PIN from leaking it
  const asked = await ctx.client.post(`/api/logins/${loginId}/pin`, {
    document: c.document,
    contrast: { kind: "dni_validity", value: CONTRAST },
    channel: "sms",
  });
  expectStatus("POST /api/logins/{id}/pin", asked, 202);
  const t1 = performance.now();
  let pin: string;
  try {
    pin = await pinArrives;
  } catch (error) {
    throw new FunctionalError(error instanceof Error ? error.message : String(error));
  }
  const t2 = performance.now();
  const verified = await ctx.client.post(`/api/logins/${loginId}/pin/verify`, { pin });
  expectStatus("POST /api/logins/{id}/pin/verify", verified, 200);
  if ((JSON.parse(verified.text) as { status?: string }).status !== "authenticated") {
    throw new FunctionalError(`verify answered 200 without authenticating: ${verified.text}`);
  }
  return [t1 - t0, t2 - t1, performance.now() - t2];
}

/**
 * How many logins a `pin` phase needs over warm-up and measured window: two and a half times
 * what the full flow reached at this concurrency (the PIN verification alone does less), or one
 * and a half times the best PIN verification phase so far, whichever is more. If they run out
 * all the same, the measured window ends there.
 */
export function loginsNeeded(
  options: Options,
  vus: number,
  fullThroughput: number,
  bestPinThroughput = 0,
): number {
  if (options.logins !== null) return options.logins;
  const perSecond = Math.max(100, fullThroughput * 2.5, bestPinThroughput * 1.5);
  return Math.ceil(perSecond * (options.warmupS + options.durationS)) + 2 * vus;
}

/**
 * Creates `count` logins with `vus` requests in flight, then leaves them idle for
 * `options.loginIdleS` seconds; returns their ids in creation order. workerd keeps about three
 * files open per live Durable Object (its SQLite database) until it evicts the object after 10 s
 * idle, so creation pauses (at most 15 s at a time) while workerd is near its open-file limit.
 */
export async function prepareLogins(
  ctx: BenchContext,
  count: number,
  vus: number,
): Promise<{ ids: string[]; seconds: number }> {
  const ids: string[] = [];
  const pid = ctx.workerdPid;
  const limit = pid === undefined ? null : maxOpenFiles(pid);
  const fds = () => (pid === undefined ? 0 : (openFds(pid) ?? 0));
  let started = 0;
  let paused: Promise<void> | null = null;
  const pauseIfCrowded = async () => {
    if (limit === null || fds() < limit * 0.7) return;
    paused ??= (async () => {
      const until = performance.now() + 15_000;
      while (performance.now() < until && fds() > limit * 0.4) {
        await new Promise((r) => setTimeout(r, 250));
      }
      paused = null;
    })();
    await paused;
  };
  const t = performance.now();
  await Promise.all(
    Array.from({ length: Math.max(4, vus) }, async () => {
      while (started < count) {
        if (++started % 200 === 0 || paused) await pauseIfCrowded();
        ids.push(await createLogin(ctx));
      }
    }),
  );
  const seconds = round((performance.now() - t) / 1000, 1);
  await new Promise((r) => setTimeout(r, ctx.options.loginIdleS * 1000));
  return { ids, seconds };
}

/**
 * Closed loop: `vus` virtual users each run verifications back to back for the warm-up plus
 * the measured duration. Verifications that finish inside the measured window count. The `pin`
 * flow takes its logins from `logins`; if they run out, the window ends there.
 */
export async function runLoad(
  ctx: BenchContext,
  flow: Flow,
  vus: number,
  logins: { ids: string[]; seconds: number } | null = null,
): Promise<LoadResult> {
  const { warmupS, durationS } = ctx.options;
  if (flow === "pin" && !logins) throw new Error("the pin flow needs prepared logins");
  const steps = FLOW_STEPS[flow];
  const samples = {
    create: new Samples(),
    getPin: new Samples(),
    pinDelivery: new Samples(),
    verify: new Samples(),
    total: new Samples(),
  };
  const measureFrom = performance.now() + warmupS * 1000;
  let measureTo = measureFrom + durationS * 1000;
  const window = new CpuWindow(ctx.workerdPid);
  const opens = setTimeout(() => {
    ctx.meter.reset();
    window.open();
  }, warmupS * 1000);
  const closes = setTimeout(() => window.close(), (warmupS + durationS) * 1000);
  let nextLogin = 0;
  let loginsRanOut = false;
  let citizensRanOut = false;
  let failure: Error | null = null;

  async function virtualUser(): Promise<void> {
    while (failure === null && !loginsRanOut && performance.now() < measureTo) {
      let loginId: string | undefined;
      if (logins) {
        loginId = logins.ids[nextLogin++];
        if (loginId === undefined) {
          // The window ends now; verifications still in flight finish outside it.
          loginsRanOut = true;
          measureTo = Math.min(measureTo, window.close() ?? performance.now());
          return;
        }
      }
      const c = ctx.pool.take();
      if (!c) {
        citizensRanOut = true;
        return;
      }
      const t0 = performance.now();
      let times: [number, number, number];
      let createMs = 0;
      try {
        if (loginId === undefined) {
          loginId = await createLogin(ctx);
          createMs = performance.now() - t0;
        }
        times = await pinVerification(ctx, loginId, c);
      } catch (error) {
        failure ??= error instanceof Error ? error : new Error(String(error));
        return;
      }
      ctx.pool.give(c);
      const end = performance.now();
      if (end >= measureFrom && end <= measureTo) {
        if (flow === "full") samples.create.add(createMs);
        samples.getPin.add(times[0]);
        samples.pinDelivery.add(times[1]);
        samples.verify.add(times[2]);
        samples.total.add(end - t0);
      }
    }
  }

  await Promise.all(Array.from({ length: vus }, virtualUser));
  clearTimeout(opens);
  clearTimeout(closes);
  const w = window.result();
  if (failure) throw failure;
  if (citizensRanOut) {
    throw new Error(
      `the citizen pool ran out (${ctx.options.citizenCount} citizens × ${ctx.options.usesPerCitizen} verifications): pass a larger --citizens`,
    );
  }
  const measuredS = (measureTo - measureFrom) / 1000;
  if (measuredS < 1) {
    throw new Error(
      `the ${logins?.ids.length} prepared logins ran out before the measured window: pass a larger --logins`,
    );
  }
  const verifications = samples.total.count;
  const throughput = round(verifications / measuredS, 1);
  const latency: LoadResult["latency"] = { total: samples.total.summary() };
  for (const s of steps) latency[s] = samples[s].summary();
  const per = (n: number) => round(n / Math.max(1, verifications));
  const msPer = (cores: number) => round((cores * 1000) / Math.max(1, throughput));
  const target = {
    throughput: throughput >= TARGET.throughput,
    p99: latency.total.p99 < TARGET.p99Ms,
    met: false,
  };
  target.met = target.throughput && target.p99;
  return {
    flow,
    concurrency: vus,
    measuredS: round(measuredS, 2),
    verifications,
    throughput,
    latency,
    cpuCores: w.cores,
    cpuMsPerVerification: {
      node: msPer(w.cores.node),
      workerd: w.cores.workerd === null ? null : msPer(w.cores.workerd),
    },
    nodeEventLoopDelayMs: w.loop,
    workerdMaxOpenFds: w.workerdMaxFds,
    perVerification: {
      sqlCalls: per(ctx.meter.sqlCalls),
      sqlMs: per(ctx.meter.sqlMs),
      outboxPosts: per(ctx.meter.outboxCalls),
    },
    ...(logins
      ? {
          logins: {
            prepared: logins.ids.length,
            seconds: logins.seconds,
            idleS: ctx.options.loginIdleS,
            ranOut: loginsRanOut,
          },
        }
      : {}),
    target,
  };
}
