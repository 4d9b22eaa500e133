/**
 * The password benchmark's load: password logins (`POST /api/logins/{id}/password`, each on a
 * login created just before it, untimed) in three shapes —
 *
 * - **classes**: one login at a time, right password, wrong password, unknown document and a
 *   blocked password (refused before any hashing) interleaved in shuffled rounds, so their
 *   latencies can be compared (no-enumeration timing) and the blocked one is a baseline;
 * - **closed loop**: `vus` virtual users, each a distinct citizen at any moment (two attempts in
 *   flight for one citizen count against each other's guard), for a warm-up then a measured
 *   window; throughput, latency, CPU and workerd's resident memory;
 * - **burst**: `n` logins fired at once, distinct citizens, to fill the hashing gate.
 *
 * A `429 password_busy` (the gate full) is counted, never an error; in the closed loop the
 * virtual user then waits the Retry-After, as a well-behaved client would. Under load (closed
 * loop, burst) any other answer is counted too, with the first body, rather than ending the
 * run: in particular the `500` workerd gives when it
 * cancels a request whose only pending work is a promise another request will resolve ("code
 * had hung"), which is what a call waiting in the hashing gate's queue is. The bench reports
 * every such answer and exits 1.
 */
import { makeDni } from "../../worker/src/identity/documents.ts";
import { type CoresUsed, CpuWindow } from "./cpu.ts";
import type { HeapSampler, HeapWindow } from "./heap.ts";
import { type Client, FunctionalError, header, type Reply } from "./http.ts";
import { type MemoryWindow, RssSampler } from "./memory.ts";
import {
  activatePassword,
  BENCH_PASSWORD,
  citizenIp,
  createLogin,
  type OtpInbox,
  postFrom,
  WRONG_PASSWORD,
} from "./password-setup.ts";
import type { BenchCitizen } from "./setup.ts";
import { round } from "./stats.ts";

export type Latency = {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  min: number;
  max: number;
};

/** Exact nearest-rank percentiles over every sample (ms). */
export function latency(values: readonly number[]): Latency {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return { count: 0, mean: 0, p50: 0, p95: 0, p99: 0, min: 0, max: 0 };
  const at = (q: number) => sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))] ?? 0;
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    count: n,
    mean: round(sum / n, 1),
    p50: round(at(0.5), 1),
    p95: round(at(0.95), 1),
    p99: round(at(0.99), 1),
    min: round(sorted[0] ?? 0, 1),
    max: round(sorted[n - 1] ?? 0, 1),
  };
}

export const CLASSES = ["right", "wrong", "unknown", "blocked"] as const;
export type LoginClass = (typeof CLASSES)[number];
export const CLASS_LABELS: Record<LoginClass, string> = {
  right: "right password (200 authenticated)",
  wrong: "wrong password (400 invalid_credentials)",
  unknown: "unknown document (400 invalid_credentials)",
  blocked: "blocked password, no hashing (423 password_locked)",
};
const EXPECTED: Record<LoginClass, { status: number; code: string }> = {
  right: { status: 200, code: "authenticated" },
  wrong: { status: 400, code: "invalid_credentials" },
  unknown: { status: 400, code: "invalid_credentials" },
  blocked: { status: 423, code: "password_locked" },
};

export type Attempt = {
  /** The expected answer, `busy` for 429 password_busy, `error` for any other (under load only). */
  outcome: "expected" | "busy" | "error";
  /** The answer's status and the start of its body. */
  status: number;
  text: string;
  /** The password request alone, and the login creation before it (ms). */
  ms: number;
  createMs: number;
  retryAfterS: number;
};

/** Creates a login then tries a password on it; throws on any answer but the expected or 429. */
export async function attempt(
  http: Client,
  kind: LoginClass,
  who: { document: string; ip: string },
  tolerant = false,
): Promise<Attempt> {
  const t0 = performance.now();
  const loginId = await createLogin(http, who.ip);
  const t1 = performance.now();
  const reply = await postFrom(http, who.ip, `/api/logins/${loginId}/password`, {
    document: who.document,
    password: kind === "right" ? BENCH_PASSWORD : WRONG_PASSWORD,
  });
  const ms = performance.now() - t1;
  const code = answerCode(reply);
  const base = {
    ms,
    createMs: t1 - t0,
    retryAfterS: 0,
    status: reply.status,
    text: reply.text.slice(0, 200),
  };
  if (reply.status === 429 && code === "password_busy") {
    return { ...base, outcome: "busy", retryAfterS: Number(header(reply, "retry-after") ?? 1) };
  }
  const expected = EXPECTED[kind];
  const right = reply.status === expected.status && code === expected.code;
  if (!right && tolerant) return { ...base, outcome: "error" };
  if (!right) {
    throw new FunctionalError(
      `password login (${kind}): expected ${expected.status} ${expected.code}, got ${reply.status}: ${reply.text.slice(0, 300)}`,
    );
  }
  return { ...base, outcome: "expected" };
}

/** `status` of a 2xx body, `code` of a problem. */
function answerCode(reply: Reply): string {
  try {
    const body = JSON.parse(reply.text) as { status?: unknown; code?: unknown };
    return String(reply.status < 300 ? body.status : body.code);
  } catch {
    return "";
  }
}

const who = (c: BenchCitizen) => ({ document: c.document, ip: citizenIp(c) });

/** A document no citizen has, different each time (a new decoy each time, as a prober's). */
let unknownSeq = 0;
const unknownDocument = () => ({
  document: makeDni(90_000_000 + unknownSeq),
  ip: `10.200.${(unknownSeq >> 8) & 255}.${unknownSeq++ & 255}`,
});

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

export type ClassResult = { kind: LoginClass; label: string; latency: Latency };

/**
 * `samples` shuffled rounds of the four classes, one login at a time. Round r uses citizen r of
 * `pool` for both the right and the wrong password: its right login clears the wrong one, so
 * no guard ever comes near blocking.
 */
export async function runClasses(
  http: Client,
  pool: readonly BenchCitizen[],
  blocked: BenchCitizen,
  samples: number,
  warmupRounds = 3,
): Promise<ClassResult[]> {
  const values: Record<LoginClass, number[]> = { right: [], wrong: [], unknown: [], blocked: [] };
  for (let r = 0; r < warmupRounds + samples; r++) {
    const citizen = pool[r % pool.length] as BenchCitizen;
    for (const kind of shuffle([...CLASSES])) {
      const target =
        kind === "unknown" ? unknownDocument() : who(kind === "blocked" ? blocked : citizen);
      const a = await attempt(http, kind, target);
      if (a.outcome !== "expected") throw new FunctionalError(`${a.status} at concurrency 1`);
      if (r >= warmupRounds) values[kind].push(a.ms);
    }
  }
  return CLASSES.map((kind) => ({
    kind,
    label: CLASS_LABELS[kind],
    latency: latency(values[kind]),
  }));
}

export type LoopResult = {
  concurrency: number;
  measuredS: number;
  /** Logins that authenticated inside the measured window, and per second. */
  logins: number;
  throughput: number;
  /** 429 password_busy answers inside the window. */
  busy: number;
  /** Other answers (500s) inside the window, their latency and the first one's body. */
  errors: number;
  errorStatuses: Record<string, number>;
  errorLatency: Latency;
  firstError: string | null;
  /** The citizens (indexes) whose logins got another answer: probed and repaired later. */
  errorCitizens: number[];
  /** POST …/password alone; GET /authorize → login + POST …/password. */
  latency: Latency;
  fullLatency: Latency;
  cpuCores: CoresUsed;
  /** workerd's CPU per authenticated login (user + system). */
  workerdCpuMsPerLogin: number | null;
  memory: MemoryWindow | null;
  heap: HeapWindow | null;
};

/**
 * `vus` virtual users log in with the right password, each with a citizen no other one holds,
 * for `warmupS` then `durationS` measured seconds.
 */
export async function closedLoop(
  http: Client,
  pool: readonly BenchCitizen[],
  options: {
    vus: number;
    warmupS: number;
    durationS: number;
    workerdPid: number | undefined;
    sampleMs: number;
    heap?: HeapSampler | null;
  },
): Promise<LoopResult> {
  const { vus, workerdPid } = options;
  if (pool.length < vus) throw new Error(`${vus} virtual users need ${vus} citizens`);
  const free = [...pool];
  const cpu = new CpuWindow(workerdPid);
  const memory = workerdPid === undefined ? null : new RssSampler(workerdPid, options.sampleMs);
  const startAt = performance.now() + options.warmupS * 1000;
  const endAt = startAt + options.durationS * 1000;
  let opened = false;
  const open = () => {
    if (opened) return;
    opened = true;
    cpu.open();
    memory?.open();
    options.heap?.open();
  };
  const openTimer = setTimeout(open, Math.max(0, startAt - performance.now()));
  const closeTimer = setTimeout(() => cpu.close(), endAt - performance.now());
  const passwordMs: number[] = [];
  const fullMs: number[] = [];
  const errorMs: number[] = [];
  const errorStatuses: Record<string, number> = {};
  let firstError: string | null = null;
  const errorCitizens = new Set<number>();
  let busy = 0;

  const vu = async () => {
    while (performance.now() < endAt) {
      const citizen = free.shift() as BenchCitizen;
      let a: Attempt;
      try {
        a = await attempt(http, "right", who(citizen), true);
      } finally {
        free.push(citizen);
      }
      const done = performance.now();
      const inWindow = done >= startAt && done <= endAt;
      if (a.outcome === "busy") {
        if (inWindow) busy++;
        await new Promise((r) => setTimeout(r, a.retryAfterS * 1000));
        continue;
      }
      if (a.outcome === "error") {
        if (inWindow) {
          errorMs.push(a.ms);
          errorStatuses[a.status] = (errorStatuses[a.status] ?? 0) + 1;
        }
        firstError ??= `${a.status} ${a.text}`;
        errorCitizens.add(citizen.index);
        await new Promise((r) => setTimeout(r, 1000));
        continue;
      }
      if (inWindow) {
        passwordMs.push(a.ms);
        fullMs.push(a.ms + a.createMs);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: vus }, vu));
  } finally {
    clearTimeout(openTimer);
    clearTimeout(closeTimer);
  }
  open(); // a window shorter than one login still opens
  cpu.close();
  const mem = memory?.close() ?? null;
  const heap = (await options.heap?.close()) ?? null;
  const { cores } = cpu.result();
  const measuredS = options.durationS;
  const logins = passwordMs.length;
  const workerdMs = cores.workerd === null ? null : cores.workerd * measuredS * 1000;
  return {
    concurrency: vus,
    measuredS,
    logins,
    throughput: round(logins / measuredS, 2),
    busy,
    errors: errorMs.length,
    errorStatuses,
    errorLatency: latency(errorMs),
    firstError,
    errorCitizens: [...errorCitizens],
    latency: latency(passwordMs),
    fullLatency: latency(fullMs),
    cpuCores: cores,
    workerdCpuMsPerLogin: workerdMs === null || logins === 0 ? null : round(workerdMs / logins, 1),
    memory: mem,
    heap,
  };
}

export type BurstResult = {
  size: number;
  authenticated: number;
  busy: number;
  /** Other answers (500s), their latency and the first one's body. */
  errors: number;
  errorStatuses: Record<string, number>;
  latencyErrors: Latency;
  firstError: string | null;
  /** The citizens (indexes) whose logins got another answer: probed and repaired later. */
  errorCitizens: number[];
  /** From the first request sent to the last answer (ms). */
  wallMs: number;
  latencyAuthenticated: Latency;
  latencyBusy: Latency;
  memory: MemoryWindow | null;
  heap: HeapWindow | null;
};

/**
 * `size` logins created first, then their passwords all sent at once, each for its own citizen;
 * RSS sampled from just before until `tailMs` after the last answer.
 */
export async function burst(
  http: Client,
  pool: readonly BenchCitizen[],
  options: {
    size: number;
    workerdPid: number | undefined;
    sampleMs: number;
    heap?: HeapSampler | null;
    tailMs?: number;
  },
): Promise<BurstResult> {
  const { size, workerdPid } = options;
  const citizens = pool.slice(0, size);
  if (citizens.length < size) throw new Error(`a burst of ${size} needs ${size} citizens`);
  const logins = await Promise.all(citizens.map((c) => createLogin(http, citizenIp(c))));
  const memory = workerdPid === undefined ? null : new RssSampler(workerdPid, options.sampleMs);
  memory?.open();
  options.heap?.open();
  const t0 = performance.now();
  const answers = await Promise.all(
    citizens.map(async (c, i) => {
      const t = performance.now();
      const reply = await postFrom(http, citizenIp(c), `/api/logins/${logins[i]}/password`, {
        document: c.document,
        password: BENCH_PASSWORD,
      });
      return { reply, ms: performance.now() - t };
    }),
  );
  const wallMs = performance.now() - t0;
  await new Promise((r) => setTimeout(r, options.tailMs ?? 300));
  const mem = memory?.close() ?? null;
  const heap = (await options.heap?.close()) ?? null;
  const ok: number[] = [];
  const busy: number[] = [];
  const errors: number[] = [];
  const errorStatuses: Record<string, number> = {};
  let firstError: string | null = null;
  const errorCitizens: number[] = [];
  for (const [i, { reply, ms }] of answers.entries()) {
    const code = answerCode(reply);
    if (reply.status === 200 && code === "authenticated") ok.push(ms);
    else if (reply.status === 429 && code === "password_busy") busy.push(ms);
    else {
      errors.push(ms);
      errorStatuses[reply.status] = (errorStatuses[reply.status] ?? 0) + 1;
      firstError ??= `${reply.status} ${reply.text.slice(0, 200)}`;
      const c = citizens[i];
      if (c) errorCitizens.push(c.index);
    }
  }
  return {
    size,
    authenticated: ok.length,
    busy: busy.length,
    errors: errors.length,
    errorStatuses,
    latencyErrors: latency(errors),
    firstError,
    errorCitizens,
    wallMs: round(wallMs, 1),
    latencyAuthenticated: latency(ok),
    latencyBusy: latency(busy),
    memory: mem,
    heap,
  };
}

/**
 * The citizen's guard as a wrong password sees it: `triesLeft` of its 400 (maxFailures − 1 = 4
 * when every earlier try was settled), or the answer when it is not a 400.
 */
export async function triesLeftNow(http: Client, c: BenchCitizen): Promise<string> {
  const ip = citizenIp(c);
  const loginId = await createLogin(http, ip);
  const reply = await postFrom(http, ip, `/api/logins/${loginId}/password`, {
    document: c.document,
    password: WRONG_PASSWORD,
  });
  if (reply.status !== 400) return `${reply.status} ${answerCode(reply)}`;
  return String((JSON.parse(reply.text) as { triesLeft?: unknown }).triesLeft);
}

/** One right-password login, alone: what a citizen gets once the load is over. */
export async function loneLogin(http: Client, c: BenchCitizen): Promise<string> {
  const a = await attempt(http, "right", who(c), true);
  return a.outcome === "expected" ? "200 authenticated" : `${a.status} ${a.text.slice(0, 80)}`;
}

export type Repair = {
  /** Citizens whose logins got another answer than 200 or 429 in the phase. */
  citizens: number;
  /** Of those, how many had their password blocked (423 password_locked) by it. */
  blocked: number;
};

/**
 * A right login for each citizen (clears the tries the phase left counted); a password the
 * phase blocked is set again with a new activation code, so the next phase starts clean.
 */
export async function repairCitizens(
  http: Client,
  inbox: OtpInbox,
  adminToken: string,
  citizens: readonly BenchCitizen[],
): Promise<Repair> {
  let blocked = 0;
  for (const c of citizens) {
    const a = await attempt(http, "right", who(c), true);
    if (a.outcome === "expected") continue;
    if (a.status !== 423) {
      throw new FunctionalError(`repairing ${c.document}: ${a.status} ${a.text}`);
    }
    blocked++;
    await activatePassword(http, inbox, adminToken, c);
  }
  return { citizens: citizens.length, blocked };
}
