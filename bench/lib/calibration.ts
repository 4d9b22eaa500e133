/**
 * What the stack costs before any PIN logic: requests that do (almost) nothing, at the load's
 * concurrency, so the CPU per verification can be read against them. `GET` routes only; they
 * write nothing.
 */
import { randomBytes } from "node:crypto";
import { CpuWindow } from "./cpu.ts";
import { FunctionalError } from "./http.ts";
import { type BenchContext, createLogin } from "./load.ts";
import { round, Samples } from "./stats.ts";

export type Calibration = {
  request: string;
  rps: number;
  p50: number;
  p99: number;
  cpuMsPerRequest: { node: number; workerd: number | null };
};

export async function runCalibration(ctx: BenchContext, vus: number): Promise<Calibration[]> {
  const seconds = ctx.options.calibrationS;
  const loginId = await createLogin(ctx);
  const kinds: { request: string; path: () => string; status: number }[] = [
    { request: "GET /nope (router only, 404)", path: () => "/nope", status: 404 },
    {
      request: "GET /api/logins/{id} (1 call to a live LoginObject)",
      path: () => `/api/logins/${loginId}`,
      status: 200,
    },
    {
      request: "GET /dev/outbox?to=… (1 service-binding round trip to Node)",
      path: () => "/dev/outbox?format=json&limit=1&to=%2B340",
      status: 200,
    },
    {
      request: "GET /api/logins/{new id} (instantiates a new LoginObject, 404)",
      path: () => `/api/logins/${randomBytes(16).toString("base64url")}`,
      status: 404,
    },
  ];
  const out: Calibration[] = [];
  for (const kind of kinds) {
    const samples = new Samples();
    const window = new CpuWindow(ctx.workerdPid);
    const until = performance.now() + seconds * 1000;
    let failure: Error | null = null;
    window.open();
    await Promise.all(
      Array.from({ length: vus }, async () => {
        while (failure === null && performance.now() < until) {
          const t = performance.now();
          const reply = await ctx.client.get(kind.path());
          samples.add(performance.now() - t);
          if (reply.status !== kind.status) {
            failure ??= new FunctionalError(`${kind.request}: answered ${reply.status}`);
          }
        }
      }),
    );
    const w = window.result();
    if (failure) throw failure;
    const rps = samples.count / seconds;
    const summary = samples.summary();
    out.push({
      request: kind.request,
      rps: round(rps, 0),
      p50: summary.p50,
      p99: summary.p99,
      cpuMsPerRequest: {
        node: round((w.cores.node * 1000) / rps, 3),
        workerd: w.cores.workerd === null ? null : round((w.cores.workerd * 1000) / rps, 3),
      },
    });
  }
  return out;
}
