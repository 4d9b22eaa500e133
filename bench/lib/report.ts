/**
 * The benchmark's output: a line per phase while it runs, then the Markdown report and the
 * JSON results file.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { relative, resolve } from "node:path";
import { ROOT } from "../../scripts/lib/accounts.ts";
import type { Calibration } from "./calibration.ts";
import type { CoresUsed } from "./cpu.ts";
import { ENUM_GROUPS, ENUM_LABELS, type Enumeration } from "./enumeration.ts";
import { FLOW_LABELS, type Flow, type LoadResult, STEP_LABELS, STEPS } from "./load.ts";
import { DEFAULT_SENDS_PER_HOUR, type Options, TARGET } from "./options.ts";
import type { RunningStack } from "./runtime.ts";
import type { Bundle } from "./setup.ts";
import { formatJson, markdownTable } from "./stats.ts";

export type RunPair = { concurrency: number; pin: LoadResult; full: LoadResult };

export type BenchResult = {
  options: Options;
  runtime: { name: Options["runtime"]; workerd: string | null; port: number };
  bundle: Bundle;
  backgroundCoresBeforeLoad: CoresUsed;
  calibration: Calibration[];
  runs: RunPair[];
  enumeration: Enumeration | null;
};

export const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;
const na = (v: number | null | undefined): number => v ?? Number.NaN;

export function packageVersion(name: string): string | null {
  try {
    const pkg = JSON.parse(
      readFileSync(resolve(ROOT, "node_modules", name, "package.json"), "utf8"),
    ) as { version?: string };
    return pkg.version ?? null;
  } catch {
    return null;
  }
}

export function printSetup(s: {
  options: Options;
  stack: RunningStack;
  bundle: Bundle;
  dir: string;
  registeredS: number;
  setupS: number;
}): void {
  const { options, stack, bundle } = s;
  console.log(
    `Llave PIN benchmark — ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), Node ${process.version}`,
  );
  console.log(
    `runtime ${stack.runtime === "workerd" ? `workerd ${stack.workerdVersion} directly` : "Miniflare"}, ` +
      `workerd pid ${stack.workerdPid ?? "?"} on 127.0.0.1:${stack.port}; ` +
      `bundle ${bundle.source}: ${kib(bundle.rawBytes)} raw, ${kib(bundle.gzipBytes)} gzip`,
  );
  console.log(
    `storage: ${options.storage} (${s.dir}) for Durable Objects and the accounts database; ` +
      `${options.citizenCount} citizens registered in ${s.registeredS.toFixed(1)} s, stack up in ${s.setupS.toFixed(1)} s`,
  );
  console.log(
    `PIN_MAX_SENDS_PER_HOUR ${options.sendsPerHour}${options.sendsPerHour === DEFAULT_SENDS_PER_HOUR ? " (default, not raised)" : " (raised for the bench)"}; ` +
      `each citizen does ${options.usesPerCitizen} verification(s) then a fresh citizen takes over, ${options.inTurn} take turns at once`,
  );
  console.log(
    `load: closed loop, ${options.sweep.join("/")} virtual users; per concurrency the full flow, then the PIN verification ` +
      `on logins left idle ${options.loginIdleS} s; ${options.warmupS} s warm-up + ${options.durationS} s measured per phase, client ${options.client}\n`,
  );
}

export function calibrationLine(c: Calibration): string {
  return `calibration ${c.request}: ${c.rps} req/s, p50 ${c.p50} ms, CPU ms/request node ${c.cpuMsPerRequest.node} workerd ${c.cpuMsPerRequest.workerd ?? "?"}`;
}

export function phaseLine(r: LoadResult): string {
  const label = r.flow === "pin" ? "PIN verification" : "full flow       ";
  const logins = r.logins
    ? `  (${r.logins.prepared} logins prepared in ${r.logins.seconds} s, then idle ${r.logins.idleS} s${r.logins.ranOut ? `, ran out: ${r.measuredS} s measured` : ""})`
    : "";
  return (
    `c=${String(r.concurrency).padStart(3)} ${label} ${String(r.throughput).padStart(7)} verif/s  ` +
    `p50 ${r.latency.total.p50} ms  p99 ${r.latency.total.p99} ms  ` +
    `CPU ms/verif workerd ${r.cpuMsPerVerification.workerd ?? "?"} node ${r.cpuMsPerVerification.node}  ` +
    `cores workerd ${r.cpuCores.workerd ?? "?"} node ${r.cpuCores.node} others ${r.cpuCores.others ?? "?"}` +
    logins
  );
}

function targetText(r: LoadResult): string {
  if (r.target.met) return "MET";
  return `MISSED (throughput ${r.target.throughput ? "ok" : "short"}, p99 ${r.target.p99 ? "ok" : "over"})`;
}

export function printReport(result: BenchResult): void {
  const { options, runs, calibration, enumeration, bundle } = result;
  const primary = runs.find((r) => r.concurrency === options.concurrency) ?? runs[0];
  if (!primary) throw new Error("no load phase ran");
  const best = runs.reduce((a, b) => (b.pin.throughput > a.pin.throughput ? b : a));
  const both = (pick: (r: LoadResult) => string | number) => [
    pick(primary.pin),
    pick(primary.full),
  ];

  console.log("\n## Llave PIN verification benchmark\n");
  console.log(
    markdownTable(
      ["", ""],
      [
        ["machine", `${cpus().length} cores, Node ${process.version}, load generator in-process`],
        [
          "runtime",
          result.runtime.name === "workerd"
            ? `workerd ${result.runtime.workerd} directly (no Miniflare)`
            : "Miniflare (scripts/lib/stack.ts)",
        ],
        [
          `bundle ${bundle.source}`,
          `${kib(bundle.rawBytes)} raw, ${kib(bundle.gzipBytes)} gzip (${bundle.rawBytes} / ${bundle.gzipBytes} bytes)`,
        ],
        ["storage", `${options.storage} (Durable Objects + accounts database)`],
        ["virtual users", String(primary.concurrency)],
      ],
    ),
  );
  console.log("");
  console.log(
    markdownTable(
      ["", `(a) ${FLOW_LABELS.pin}`, `(b) ${FLOW_LABELS.full}`],
      [
        ["throughput, verifications/s", ...both((r) => r.throughput)],
        ["p50 / p99 ms", ...both((r) => `${r.latency.total.p50} / ${r.latency.total.p99}`)],
        [
          "CPU ms per verification, workerd / node",
          ...both(
            (r) => `${r.cpuMsPerVerification.workerd ?? "?"} / ${r.cpuMsPerVerification.node}`,
          ),
        ],
        [
          "cores busy, workerd / node / others",
          ...both(
            (r) =>
              `${r.cpuCores.workerd ?? "?"} / ${r.cpuCores.node} / ${r.cpuCores.others ?? "?"}`,
          ),
        ],
        [
          `target ≥ ${TARGET.throughput}/s and p99 < ${TARGET.p99Ms} ms`,
          targetText(primary.pin),
          "(judged on (a))",
        ],
      ],
    ),
  );

  console.log(`\n### Latency by step, ${primary.concurrency} virtual users (ms)\n`);
  const stepRows: (string | number)[][] = [];
  for (const flow of ["pin", "full"] as const satisfies readonly Flow[]) {
    const r = primary[flow];
    for (const s of [...STEPS, "total"] as const) {
      const l = r.latency[s];
      if (l)
        stepRows.push([
          flow === "pin" ? "(a)" : "(b)",
          STEP_LABELS[s],
          l.count,
          l.mean,
          l.p50,
          l.p90,
          l.p99,
          l.max,
        ]);
    }
  }
  console.log(
    markdownTable(["flow", "step", "count", "mean", "p50", "p90", "p99", "max"], stepRows),
  );

  if (runs.length > 1) {
    console.log("\n### Concurrency sweep (latencies in ms, CPU in ms per verification)\n");
    console.log(
      markdownTable(
        [
          "VUs",
          "(a) verif/s",
          "(a) p50",
          "(a) p99",
          "(a) workerd ms",
          "(a) node ms",
          "(a) workerd cores",
          "(b) verif/s",
          "(b) p50",
          "(b) p99",
          "(b) workerd ms",
          "(b) node ms",
          "target",
        ],
        runs.map(({ concurrency, pin, full }) => [
          concurrency,
          pin.throughput,
          pin.latency.total.p50,
          pin.latency.total.p99,
          na(pin.cpuMsPerVerification.workerd),
          pin.cpuMsPerVerification.node,
          na(pin.cpuCores.workerd),
          full.throughput,
          full.latency.total.p50,
          full.latency.total.p99,
          na(full.cpuMsPerVerification.workerd),
          full.cpuMsPerVerification.node,
          pin.target.met ? "met" : "missed",
        ]),
      ),
    );
  }

  if (calibration.length > 0) {
    console.log(
      `\n### Calibration: the stack without PIN logic, ${options.concurrency} virtual users\n`,
    );
    console.log(
      markdownTable(
        ["request", "req/s", "p50 ms", "p99 ms", "workerd CPU ms/req", "node CPU ms/req"],
        calibration.map((c) => [
          c.request,
          c.rps,
          c.p50,
          c.p99,
          na(c.cpuMsPerRequest.workerd),
          c.cpuMsPerRequest.node,
        ]),
      ),
    );
  }

  for (const flow of ["pin", "full"] as const) {
    const r = primary[flow];
    console.log(
      `\nper verification, ${flow === "pin" ? "(a)" : "(b)"}: ${r.perVerification.sqlCalls} SQL calls over the bridge ` +
        `(${r.perVerification.sqlMs} ms inside libSQL), ${r.perVerification.outboxPosts} outbox calls; ` +
        `Node event-loop delay p50 ${r.nodeEventLoopDelayMs.p50} / p99 ${r.nodeEventLoopDelayMs.p99} ms; ` +
        `workerd open files up to ${r.workerdMaxOpenFds ?? "?"}`,
    );
  }

  if (enumeration) {
    console.log(
      `\n### Get PIN timing by citizen (enumeration), ${enumeration.perGroup} each, one at a time (ms)\n`,
    );
    console.log(
      markdownTable(
        ["Get PIN for", "count", "mean", "p50", "p90", "p99", "max"],
        ENUM_GROUPS.map((g) => {
          const l = enumeration.groups[g];
          return [ENUM_LABELS[g], l.count, l.mean, l.p50, l.p90, l.p99, l.max];
        }),
      ),
    );
    console.log(
      `\nevery answer byte-identical. Spread among first PIN / unknown / wrong datum: p50 ${enumeration.coldSpreadMs.p50} ms, ` +
        `p99 ${enumeration.coldSpreadMs.p99} ms. Same unknown document again minus citizen in use: ` +
        `p50 ${enumeration.repeatedUnknownMinusWarmMs.p50} ms, mean ${enumeration.repeatedUnknownMinusWarmMs.mean} ms.`,
    );
  }

  const p = primary.pin;
  console.log(
    `\nTarget (≥ ${TARGET.throughput} PIN verifications/s with p99 < ${TARGET.p99Ms} ms): ${
      p.target.met
        ? `MET at ${p.concurrency} virtual users`
        : `MISSED at ${p.concurrency} virtual users (${p.throughput}/s, p99 ${p.latency.total.p99} ms)${
            best !== primary
              ? `; best of the sweep ${best.pin.throughput}/s at ${best.concurrency} (p99 ${best.pin.latency.total.p99} ms)`
              : ""
          }`
    }`,
  );
}

/** The machine and the versions a results file records, with `packages`' versions. */
export function machine(packages: readonly string[]): Record<string, string | number | null> {
  const versions = Object.fromEntries(packages.map((name) => [name, packageVersion(name)]));
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? null,
    node: process.version,
    ...versions,
  };
}

/** Writes `results` (stamped with the time) to `path`, relative to the repository; returns it. */
export function writeJsonResults(path: string, results: Record<string, unknown>): string {
  const out = resolve(ROOT, path);
  mkdirSync(resolve(out, ".."), { recursive: true });
  writeFileSync(out, `${formatJson({ at: new Date().toISOString(), ...results })}\n`);
  return relative(ROOT, out);
}

export function writeResults(result: BenchResult, citizensUsed: number): string {
  const { options } = result;
  const primary = result.runs.find((r) => r.concurrency === options.concurrency) ?? result.runs[0];
  return writeJsonResults(options.out, {
    machine: machine(["workerd", "miniflare", "wrangler"]),
    runtime: result.runtime.name,
    options: {
      concurrency: options.concurrency,
      sweep: options.sweep,
      warmupS: options.warmupS,
      durationS: options.durationS,
      storage: options.storage,
      client: options.client,
      citizens: options.citizenCount,
      citizensUsed,
      logins: options.logins,
      loginIdleS: options.loginIdleS,
      pinMaxSendsPerHour: options.sendsPerHour,
      usesPerCitizen: options.usesPerCitizen,
      enumSamplesPerGroup: options.enumSamples,
    },
    target: { ...TARGET, judgedOn: "pin", met: primary?.pin.target.met ?? false },
    backgroundCoresBeforeLoad: result.backgroundCoresBeforeLoad,
    bundle: {
      path: result.bundle.source,
      rawBytes: result.bundle.rawBytes,
      gzipBytes: result.bundle.gzipBytes,
    },
    calibration: result.calibration,
    runs: result.runs,
    enumeration: result.enumeration,
  });
}
