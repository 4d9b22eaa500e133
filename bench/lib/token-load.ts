/**
 * The token benchmark's load: closed-loop virtual users against one provider at a time, each
 * sending its next request as soon as the last one is answered. A round is a warm-up, not
 * measured, then a measured window, over which the CPU of the provider's process (workerd or
 * oidc-provider) and of this process (the load generator) is read from /proc.
 *
 * - token rounds redeem each code of a batch minted just before the round (codes.ts) once; when
 *   the batch is used up, or its next code is too old, the measured window ends there;
 * - metadata rounds GET the discovery document or the JWKS.
 *
 * Every answer is checked, so a broken endpoint is a functional error, never a fast one.
 */
import type { CodeQueue } from "./codes.ts";
import { type CoresUsed, CpuWindow, residentMib } from "./cpu.ts";
import { type Client, expectStatus, FunctionalError } from "./http.ts";
import type { NodeSideMeter } from "./node-side.ts";
import type { OidcTarget, ProviderName } from "./oidc-target.ts";
import { round, Samples, type Summary } from "./stats.ts";
import { tokenRequester, tokenResponse } from "./token-request.ts";

export const ROUND_KINDS = ["token", "discovery", "jwks"] as const;
export type RoundKind = (typeof ROUND_KINDS)[number];

export type RoundShape = { vus: number; warmupS: number; durationS: number };

export type RoundResult = {
  provider: ProviderName;
  kind: RoundKind;
  /** 1, 2, …; 0 for the token probe that sizes the first batch. */
  round: number;
  /** The requested duration; shorter only if the round's codes ran out. */
  measuredS: number;
  requests: number;
  throughput: number;
  latency: Summary;
  /** `workerd` is the provider's process, whichever it is. */
  cpuCores: CoresUsed;
  cpuMsPerRequest: { server: number | null; node: number };
  /** Resident memory of the provider's process at the end of the round. */
  serverMib: number | null;
  /** Llave only: SQL calls over the libSQL bridge per request. */
  sqlCallsPerRequest?: number;
  /** Token rounds only. */
  codes?: {
    minted: number;
    mintS: number;
    mintPerS: number;
    /** Minting stopped at its time limit, short of the count wanted. */
    cutShort: boolean;
    /** Why the round ended early, if it did. */
    ranOut: "used up" | "aged out" | null;
    oldestUsedS: number;
    /**
     * Share of the codes redeemed more than WORKERD_IDLE_EVICTION_S after they were issued
     * (Llave: their LoginObject may have been evicted and is opened again).
     */
    idleOverEvictionShare: number;
  };
};

type Loop = RoundShape & {
  target: OidcTarget;
  /** One request and its check; undefined when there is nothing left to send. */
  request: () => Promise<void> | undefined;
  /** Every measured latency also goes to these (the provider's totals over all rounds). */
  sinks: Samples[];
  meter?: NodeSideMeter;
};

async function closedLoop(loop: Loop): Promise<Omit<RoundResult, "kind" | "round" | "codes">> {
  const samples = new Samples();
  const measureFrom = performance.now() + loop.warmupS * 1000;
  let measureTo = measureFrom + loop.durationS * 1000;
  const window = new CpuWindow(loop.target.serverPid);
  const open = () => {
    loop.meter?.reset();
    window.open();
  };
  const opens = setTimeout(open, loop.warmupS * 1000);
  if (loop.warmupS === 0) open();
  const closes = setTimeout(() => window.close(), (loop.warmupS + loop.durationS) * 1000);
  let failure: Error | null = null;
  let ranOut = false;

  async function virtualUser(): Promise<void> {
    while (failure === null && !ranOut && performance.now() < measureTo) {
      const t0 = performance.now();
      const sent = loop.request();
      if (sent === undefined) {
        // The window ends now; requests still in flight finish outside it.
        ranOut = true;
        measureTo = Math.min(measureTo, window.close() ?? performance.now());
        return;
      }
      try {
        await sent;
      } catch (error) {
        failure ??= error instanceof Error ? error : new Error(String(error));
        return;
      }
      const end = performance.now();
      if (end >= measureFrom && end <= measureTo) {
        samples.add(end - t0);
        for (const sink of loop.sinks) sink.add(end - t0);
      }
    }
  }

  await Promise.all(Array.from({ length: loop.vus }, virtualUser));
  clearTimeout(opens);
  clearTimeout(closes);
  const w = window.result();
  if (failure) throw failure;
  const measuredS = (measureTo - measureFrom) / 1000;
  if (measuredS < 0.5) {
    throw new Error(
      `${loop.target.name}: the round's codes ran out before its measured window ` +
        "(minting is slower than redeeming: shorten --warmup, or raise --max-code-age)",
    );
  }
  const requests = samples.count;
  const throughput = requests / measuredS;
  const msPer = (cores: number) => round((cores * 1000) / Math.max(1, throughput), 3);
  return {
    provider: loop.target.name,
    measuredS: round(measuredS, 2),
    requests,
    throughput: round(throughput, 0),
    latency: samples.summary(),
    cpuCores: w.cores,
    cpuMsPerRequest: {
      server: w.cores.workerd === null ? null : msPer(w.cores.workerd),
      node: msPer(w.cores.node),
    },
    serverMib: residentMib(loop.target.serverPid),
    ...(loop.meter
      ? { sqlCallsPerRequest: round(loop.meter.sqlCalls / Math.max(1, requests)) }
      : {}),
  };
}

/** Redeems the batch's codes at the token endpoint, each once, checking every answer. */
export async function tokenRound(
  http: Client,
  target: OidcTarget,
  queue: CodeQueue,
  shape: RoundShape & { round: number; sinks: Samples[]; meter?: NodeSideMeter },
  minted: { mintS: number; mintPerS: number; cutShort: boolean },
): Promise<RoundResult> {
  const build = tokenRequester(target);
  const result = await closedLoop({
    ...shape,
    target,
    request: () => {
      const code = queue.take();
      if (code === undefined) return undefined;
      return http.send(build(code)).then((reply) => {
        tokenResponse(target, reply);
      });
    },
  });
  return {
    ...result,
    kind: "token",
    round: shape.round,
    codes: {
      minted: queue.size,
      mintS: round(minted.mintS, 2),
      mintPerS: round(minted.mintPerS, 0),
      cutShort: minted.cutShort,
      ranOut: queue.ended,
      oldestUsedS: round(queue.oldestS, 1),
      idleOverEvictionShare: round(queue.idleOverEviction / Math.max(1, queue.handedOut)),
    },
  };
}

/** GETs the discovery document or the JWKS, expecting 200 and a JSON object each time. */
export async function metadataRound(
  http: Client,
  target: OidcTarget,
  kind: Exclude<RoundKind, "token">,
  shape: RoundShape & { round: number; sinks: Samples[] },
): Promise<RoundResult> {
  const path = target.endpoints[kind];
  const step = `${target.name} GET ${path}`;
  const result = await closedLoop({
    ...shape,
    target,
    request: () =>
      http.get(path).then((reply) => {
        expectStatus(step, reply, 200);
        if (!reply.text.startsWith("{")) throw new FunctionalError(`${step}: not a JSON object`);
      }),
  });
  return { ...result, kind, round: shape.round };
}
