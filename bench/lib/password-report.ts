/**
 * The password benchmark's output: the Markdown report on stdout and the JSON results file.
 */
import { cpus, loadavg } from "node:os";
import type { Argon2Timing } from "./argon2-timing.ts";
import type { CoresUsed } from "./cpu.ts";
import type { HeapWindow } from "./heap.ts";
import { START_STEP } from "./login-start.ts";
import type { MemoryWindow } from "./memory.ts";
import type { BurstResult, ClassResult, LoopResult, Repair } from "./password-load.ts";
import {
  BENCH_IP_LIMIT,
  type PasswordOptions,
  PRODUCTION_ARGON2,
  PRODUCTION_GATE,
} from "./password-options.ts";
import { kib, machine, writeJsonResults } from "./report.ts";
import type { Bundle } from "./setup.ts";
import { markdownTable, round } from "./stats.ts";

/** What each load phase adds: it ran on a fresh workerd (bench/password.bench.ts). */
export type Fresh = {
  /** The fresh workerd's RSS after two warm-up logins, before the phase (MiB). */
  idleRssMib: number | null;
  /** One right-password login alone on the same isolate after the phase: its answer. */
  loneLoginAfter: string;
  /**
   * For the first citizen whose login got another answer: `triesLeft` of a wrong password on
   * the next fresh workerd — 4 if that failed try was settled, less if it stayed counted (or
   * the answer, e.g. `423 password_locked`).
   */
  triesLeftAfterError: string | null;
  /** The citizens with other answers, set right again on the next fresh workerd. */
  repair: Repair | null;
};

export type PasswordResult = {
  options: PasswordOptions;
  /** HEAD when the bench started, and the worker files that differed from it then. */
  source: { commit: string | null; uncommittedWorkerFiles: string[] };
  workerd: string | null;
  bundle: Bundle;
  setup: { citizensActivated: number; activationS: number; wrongToBlock: number };
  backgroundCoresBeforeLoad: CoresUsed;
  loadAverageAtStart: number[];
  argon2: Argon2Timing | null;
  idleRssMib: { beforeHashing: number | null; afterSeeding: number | null };
  classes: ClassResult[];
  sweep: (LoopResult & { fresh: Fresh })[];
  bursts: (BurstResult & { fresh: Fresh })[];
  overload: (LoopResult & { fresh: Fresh }) | null;
};

const na = (v: number | string | null | undefined): string =>
  v === null || v === undefined ? "?" : `${v}`;

/** Argon2 blocks the gate lets exist at once: running hashes × m KiB (queued ones hold none). */
export const gateBoundMib = (concurrency: number): number =>
  round((concurrency * PRODUCTION_ARGON2.m) / 1024, 1);

export function printPasswordReport(r: PasswordResult): void {
  const { options, argon2 } = r;
  const gate = options.gate;
  const m = PRODUCTION_ARGON2;
  console.log("\n## Llave password benchmark\n");
  console.log(
    markdownTable(
      ["", ""],
      [
        [
          "machine",
          `${cpus().length} cores, Node ${process.version}, load average at start ${r.loadAverageAtStart.join(" / ")}`,
        ],
        [
          "runtime",
          `workerd ${na(r.workerd)} directly (bench/lib/workerd.ts); a fresh process for each load phase`,
        ],
        [
          `bundle ${r.bundle.source}`,
          `${kib(r.bundle.rawBytes)} raw, ${kib(r.bundle.gzipBytes)} gzip; commit ${na(r.source.commit)}` +
            (r.source.uncommittedWorkerFiles.length > 0
              ? ` with ${r.source.uncommittedWorkerFiles.length} uncommitted worker file(s) when the bench started`
              : ", worker sources clean when the bench started"),
        ],
        ["storage", `${options.storage} (Durable Objects + accounts database)`],
        [
          "Argon2id",
          `m=${m.m} KiB (19 MiB), t=${m.t}, p=${m.p} — the production defaults, not overridden`,
        ],
        [
          "hashing gate",
          `PASSWORD_HASH_CONCURRENCY=${gate.concurrency}, PASSWORD_HASH_QUEUE=${gate.queue}` +
            (gate.concurrency === PRODUCTION_GATE.concurrency &&
            gate.queue === PRODUCTION_GATE.queue
              ? " (the defaults)"
              : ` (not the defaults ${PRODUCTION_GATE.concurrency} and ${PRODUCTION_GATE.queue})`),
        ],
        [
          "per-IP limit",
          `PASSWORD_ATTEMPTS_PER_IP_MINUTE=${BENCH_IP_LIMIT} (raised from 30), one cf-connecting-ip per citizen`,
        ],
        [
          "citizens",
          `${r.setup.citizensActivated} activated through the API in ${r.setup.activationS} s; one more blocked after ${r.setup.wrongToBlock} wrong passwords`,
        ],
        [
          "background before load",
          `others ${na(r.backgroundCoresBeforeLoad.others)} cores, workerd ${na(r.backgroundCoresBeforeLoad.workerd)}, node ${r.backgroundCoresBeforeLoad.node}`,
        ],
      ],
    ),
  );

  if (argon2) {
    console.log("\n### Argon2id alone: milliseconds per hash\n");
    const w = argon2.workerdMsPerHash;
    const n = argon2.nodeMsPerHash;
    console.log(
      markdownTable(
        ["where", "hashes", "p50 ms", "p95 ms", "mean ms", "max ms", "CPU ms/hash"],
        [
          [
            "workerd (bench-only worker, same binary)",
            argon2.requests * argon2.hashesPerRequest,
            w.p50,
            w.p95,
            w.mean,
            w.max,
            na(argon2.workerdCpuMsPerHash),
          ],
          ["Node, same hashPassword", n.count, n.p50, n.p95, n.mean, n.max, "-"],
        ],
      ),
    );
    console.log(
      `\nworkerd: ${argon2.requests} requests of ${argon2.hashesPerRequest} hashes each, the empty request's ${argon2.noopMs} ms subtracted; ` +
        `percentiles over requests; CPU from /proc over the same requests. During one hash (another request), ` +
        `${argon2.ticksDuringHashes} timer callbacks ran and Date.now() moved ${argon2.clockAdvancedMs} ms: ` +
        `${argon2.ticksDuringHashes > 0 ? "the hash hands the event loop back (asyncTick), so hashes in one isolate interleave" : "the hash never hands the event loop back in workerd"}. ` +
        `The bench worker's RSS: ${na(argon2.workerdRssMib.idle)} MiB idle, ${na(argon2.workerdRssMib.after)} MiB after its ` +
        `${argon2.requests * argon2.hashesPerRequest + 2} hashes, one at a time; V8's ArrayBuffer backing stores then: ` +
        `${na(argon2.v8BackingStoreMibAfter)} MiB (each hash allocates its 19 MiB of blocks as one buffer; dead ones stay until V8 collects them).`,
    );
  }

  console.log("\n### Password login at concurrency 1, by answer (POST …/password, ms)\n");
  const right = r.classes.find((c) => c.kind === "right")?.latency;
  const blocked = r.classes.find((c) => c.kind === "blocked")?.latency;
  console.log(
    markdownTable(
      ["answer", "count", "p50", "p95", "mean", "max", "p50 − right p50"],
      r.classes.map((c) => [
        c.label,
        c.latency.count,
        c.latency.p50,
        c.latency.p95,
        c.latency.mean,
        c.latency.max,
        right ? round(c.latency.p50 - right.p50, 1) : Number.NaN,
      ]),
    ),
  );
  if (right && blocked) {
    console.log(
      `\nright password minus the blocked-password baseline (same request, refused before hashing): ` +
        `p50 ${round(right.p50 - blocked.p50, 1)} ms — the hash, the credentials read and the settling of the guard` +
        `${argon2 ? `; the hash alone is ${argon2.workerdMsPerHash.p50} ms in workerd (${na(argon2.workerdCpuMsPerHash)} ms of CPU)` : ""}.`,
    );
  }

  console.log(
    "\n### Throughput: right-password logins, closed loop (latency of POST …/password, ms)\n",
  );
  console.log(
    markdownTable(
      [
        "concurrency",
        "logins/s",
        "p50",
        "p95",
        "p99",
        `p50 with ${START_STEP}`,
        "workerd cores",
        "workerd CPU ms/login",
        "RSS before → peak MiB",
        "429 busy",
        "other answers",
        "lone login after",
      ],
      r.sweep.map((s) => [
        s.concurrency,
        s.throughput,
        s.latency.p50,
        s.latency.p95,
        s.latency.p99,
        s.fullLatency.p50,
        s.cpuCores.workerd ?? Number.NaN,
        s.workerdCpuMsPerLogin ?? Number.NaN,
        `${na(s.fresh.idleRssMib)} → ${na(s.memory?.peakMib)}`,
        s.busy,
        s.errors,
        s.fresh.loneLoginAfter,
      ]),
    ),
  );

  console.log(
    `\n### Peak memory of the workerd process (RSS sampled every ${options.sampleMs} ms; VmHWM reset at each phase's start)\n`,
  );
  const idleRow = (label: string, rss: number | null): (string | number)[] => [
    label,
    na(rss),
    ...Array<string>(8).fill("-"),
  ];
  const rows: (string | number)[][] = [
    idleRow("first workerd, idle before any hash", r.idleRssMib.beforeHashing),
    idleRow("first workerd, idle after activating the citizens", r.idleRssMib.afterSeeding),
  ];
  const memRow = (
    label: string,
    mem: MemoryWindow | null,
    fresh: Fresh,
    ok: number | string,
    busy: number | string,
    other: number | string,
    heap: HeapWindow | null,
  ) => [
    label,
    na(fresh.idleRssMib),
    na(mem?.peakMib),
    na(mem?.hwmMib),
    na(mem?.endMib),
    heap ? `${na(heap.startBackingMib)} → ${na(heap.peakBackingMib)}` : "?",
    ok,
    busy,
    other,
    fresh.loneLoginAfter,
  ];
  for (const s of r.sweep) {
    rows.push(
      memRow(
        `closed loop, ${s.concurrency} at a time`,
        s.memory,
        s.fresh,
        s.logins,
        s.busy,
        s.errors,
        s.heap,
      ),
    );
  }
  r.bursts.forEach((b, i) => {
    rows.push(
      memRow(
        `burst ${i + 1}: ${b.size} at once`,
        b.memory,
        b.fresh,
        b.authenticated,
        b.busy,
        b.errors,
        b.heap,
      ),
    );
  });
  if (r.overload) {
    const o = r.overload;
    rows.push(
      memRow(
        `overload: ${o.concurrency} at a time for ${o.measuredS} s (Retry-After honoured)`,
        o.memory,
        o.fresh,
        o.logins,
        o.busy,
        o.errors,
        o.heap,
      ),
    );
  }
  console.log(
    markdownTable(
      [
        "phase (fresh workerd each)",
        "RSS before MiB",
        "peak RSS MiB",
        "VmHWM MiB",
        "RSS at end MiB",
        "V8 ArrayBuffers start → peak MiB",
        "200 authenticated",
        "429 password_busy",
        "other answers",
        "lone login after",
      ],
      rows,
    ),
  );
  for (const [i, b] of r.bursts.entries()) {
    console.log(
      `\nburst ${i + 1}: all answers in ${b.wallMs} ms; authenticated p50 ${b.latencyAuthenticated.p50} ms, max ${b.latencyAuthenticated.max} ms; ` +
        `password_busy p50 ${b.latencyBusy.p50} ms, max ${b.latencyBusy.max} ms` +
        (b.errors > 0
          ? `; other answers ${JSON.stringify(b.errorStatuses)} p50 ${b.latencyErrors.p50} ms, max ${b.latencyErrors.max} ms; ` +
            `see below for what it left behind`
          : ""),
    );
  }
  console.log(
    `\nWhat the bound guarantees: at most ${gate.concurrency} hashes run at once per isolate, each holding its ` +
      `${PRODUCTION_ARGON2.m} KiB of Argon2 blocks, so live Argon2 memory is at most ${gate.concurrency} × 19 MiB = ` +
      `${gateBoundMib(gate.concurrency)} MiB whatever the load; ` +
      (gate.queue > 0
        ? `the ${gate.queue} queued calls hold no blocks yet, and `
        : "with no queue, ") +
      `anything beyond ${gate.concurrency + gate.queue} in flight is answered 429 password_busy at once. It bounds live blocks, ` +
      `not garbage: each hash allocates a new 19 MiB buffer, and dead ones stay in V8's ArrayBuffer backing stores ` +
      `until it collects them (the "V8 ArrayBuffers" column, read through workerd's inspector), then in the allocator's ` +
      `resident pages; that is what the peaks above include.`,
  );
  for (const [label, p] of [
    ...r.sweep.map((s) => [`closed loop at ${s.concurrency}`, s] as const),
    ...r.bursts.map((b, i) => [`burst ${i + 1}`, b] as const),
    ...(r.overload ? [["overload", r.overload] as const] : []),
  ]) {
    const { triesLeftAfterError: tries, repair } = p.fresh;
    if (tries !== null || repair !== null) {
      console.log(
        `\n${label}: on the next fresh workerd, a wrong password for the first citizen whose login failed got triesLeft ` +
          `${na(tries)} (4 had the failed try been settled)` +
          (repair
            ? `; of the ${repair.citizens} citizens whose logins failed, ${repair.blocked} had their password blocked ` +
              `(423 password_locked, the citizen notified) and were activated again`
            : "") +
          ".",
      );
    }
  }
  const problems = functionalErrors(r);
  if (problems.length > 0) {
    console.log(`\n### FUNCTIONAL ERRORS (exit status 1)\n`);
    for (const p of problems) console.log(`- ${p}`);
  }
}

/** Answers under load other than 200 authenticated and 429 password_busy, as sentences. */
export function functionalErrors(r: PasswordResult): string[] {
  const out: string[] = [];
  for (const s of r.sweep) {
    if (s.errors > 0) {
      out.push(
        `closed loop at ${s.concurrency}: ${s.errors} answers ${JSON.stringify(s.errorStatuses)}, first: ${s.firstError}`,
      );
    }
  }
  r.bursts.forEach((b, i) => {
    if (b.errors > 0) {
      out.push(
        `burst ${i + 1} of ${b.size}: ${b.errors} answers ${JSON.stringify(b.errorStatuses)} (p50 ${b.latencyErrors.p50} ms), first: ${b.firstError}`,
      );
    }
  });
  if (r.overload && r.overload.errors > 0) {
    const o = r.overload;
    out.push(
      `overload at ${o.concurrency}: ${o.errors} answers ${JSON.stringify(o.errorStatuses)}, first: ${o.firstError}`,
    );
  }
  return out;
}

export function writePasswordResults(r: PasswordResult): string {
  return writeJsonResults(r.options.out, {
    machine: {
      ...machine(["workerd", "miniflare", "wrangler", "@noble/hashes"]),
      loadavg: loadavg(),
    },
    runtime: "workerd",
    workerd: r.workerd,
    options: r.options,
    argon2: PRODUCTION_ARGON2,
    gate: { ...r.options.gate, boundMib: gateBoundMib(r.options.gate.concurrency) },
    passwordAttemptsPerIpMinute: BENCH_IP_LIMIT,
    bundle: { path: r.bundle.source, rawBytes: r.bundle.rawBytes, gzipBytes: r.bundle.gzipBytes },
    source: r.source,
    setup: r.setup,
    backgroundCoresBeforeLoad: r.backgroundCoresBeforeLoad,
    loadAverageAtStart: r.loadAverageAtStart,
    argon2Timing: r.argon2,
    idleRssMib: r.idleRssMib,
    classes: r.classes,
    sweep: r.sweep,
    bursts: r.bursts,
    overload: r.overload,
  });
}
