/**
 * `npm run bench`: throughput and latency of complete PIN verifications against the production
 * bundle (dist/index.js, built by `npm run build` exactly as for deploy) running in workerd
 * through Miniflare (scripts/lib/stack.ts), with the load generator in this same Node process
 * on the same machine. bench/README.md explains what is measured and every option.
 *
 * Exit status: 0 whether or not the target is met; 1 on a functional error (an answer other
 * than the expected 2xx, a PIN that never arrives, "Get PIN" answers that differ by citizen).
 */
import { randomBytes } from "node:crypto";
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { cpus, tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import type { Client as LibsqlClient } from "@libsql/client";
import type { Miniflare } from "miniflare";
import { migrateAccounts, openAccounts, ROOT } from "../scripts/lib/accounts.ts";
import { createOutbox, type Outbox } from "../scripts/lib/outbox.ts";
import { startStack } from "../scripts/lib/stack.ts";
import { makeDni } from "../worker/src/identity/documents.ts";
import { auditLog, citizens } from "../worker/src/storage/libsql/schema.ts";
import { accountsDatabase, libsqlTransport } from "../worker/src/storage/libsql/transport.ts";
import {
  type CoresUsed,
  type CpuSnapshot,
  coresUsed,
  cpuSnapshot,
  descendants,
  openFds,
} from "./lib/cpu.ts";
import { type Client, fetchClient, httpClient } from "./lib/http.ts";
import { formatJson, markdownTable, round, Samples, type Summary } from "./lib/stats.ts";

// ---------------------------------------------------------------------------------------------
// Options

const TARGET = { throughput: 1000, p99Ms: 25 };
/** PIN_MAX_SENDS_PER_HOUR's default (worker/src/config.ts). */
const DEFAULT_SENDS_PER_HOUR = 10;
const CONTRAST = "2031-01-01";
const WRONG_CONTRAST = "2030-12-31";
const PIN_WAIT_MS = 5_000;
const TMPFS = "/dev/shm";

const { values: args } = parseArgs({
  options: {
    concurrency: { type: "string", default: "16" },
    duration: { type: "string", default: "10" },
    warmup: { type: "string", default: "2" },
    sweep: { type: "string" },
    "enum-samples": { type: "string", default: "500" },
    calibration: { type: "string", default: "2" },
    citizens: { type: "string" },
    "sends-per-hour": { type: "string" },
    "uses-per-citizen": { type: "string" },
    storage: { type: "string" },
    client: { type: "string", default: "http" },
    out: { type: "string", default: "bench/results/latest.json" },
    bundle: { type: "string", default: "dist/index.js" },
    help: { type: "boolean", default: false },
  },
  strict: true,
});

if (args.help) {
  console.log(readFileSync(resolve(ROOT, "bench/README.md"), "utf8"));
  process.exit(0);
}

function intArg(name: string, raw: string | undefined, min = 1): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) {
    console.error(`--${name} must be an integer ≥ ${min}, got ${raw}`);
    process.exit(2);
  }
  return n;
}

function choice<T extends string>(name: string, raw: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(raw)) {
    console.error(`--${name} must be one of ${allowed.join(", ")}, got ${raw}`);
    process.exit(2);
  }
  return raw as T;
}

function tmpfsUsable(): boolean {
  try {
    accessSync(TMPFS, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

const concurrency = intArg("concurrency", args.concurrency);
const durationS = intArg("duration", args.duration);
const warmupS = intArg("warmup", args.warmup, 0);
const sweep = args.sweep
  ? args.sweep.split(",").map((c) => intArg("sweep", c.trim()))
  : [concurrency];
const enumSamples = intArg("enum-samples", args["enum-samples"], 0);
const calibrationS = intArg("calibration", args.calibration, 0);
const sendsPerHour = args["sends-per-hour"]
  ? intArg("sends-per-hour", args["sends-per-hour"])
  : DEFAULT_SENDS_PER_HOUR;
const usesPerCitizen = args["uses-per-citizen"]
  ? Math.min(sendsPerHour, intArg("uses-per-citizen", args["uses-per-citizen"]))
  : sendsPerHour;
const storage = choice("storage", args.storage ?? (tmpfsUsable() ? "tmpfs" : "disk"), [
  "tmpfs",
  "disk",
] as const);
const clientKind = choice("client", args.client, ["http", "fetch"] as const);
const maxVus = Math.max(...sweep);
/** Citizens that take turns at once: enough that no virtual user waits for a free one. */
const inTurn = maxVus * 2;
/**
 * A citizen may receive `sendsPerHour` PINs, so the pool must cover the whole run: budgeted
 * for 2,500 verifications/s (far above what 2 cores reach), the enumeration phase, and the
 * window of citizens in use.
 */
const citizenCount = args.citizens
  ? intArg("citizens", args.citizens)
  : Math.ceil((2500 * (warmupS + durationS) * sweep.length + enumSamples) / usesPerCitizen) +
    enumSamples +
    inTurn;

// Miniflare keeps Durable Object storage (one SQLite file per object) in a folder under
// os.tmpdir(), read when it starts: pointing TMPDIR at a tmpfs moves that storage, and the
// accounts database, off the disk. startStack's `persistTo` cannot do it: the Miniflare 5 beta
// drops `durableObjectsPersist` when converting v4 options (see bench/README.md).
const storageBase = storage === "tmpfs" ? TMPFS : tmpdir();
if (storage === "tmpfs") process.env.TMPDIR = TMPFS;

// ---------------------------------------------------------------------------------------------
// Setup helpers

type BenchCitizen = { index: number; id: string; document: string; mobile: string; uses: number };

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

function bundleSize(): { path: string; rawBytes: number; gzipBytes: number } {
  const path = resolve(ROOT, args.bundle);
  if (!existsSync(path)) {
    console.error(`${args.bundle} is missing: run \`npm run build\` first (npm run bench does).`);
    process.exit(1);
  }
  const raw = readFileSync(path);
  return { path: relative(ROOT, path), rawBytes: raw.length, gzipBytes: gzipSync(raw).length };
}

/** Registers `count` advanced DNI citizens, 500 per transaction, each with its audit event. */
async function registerCitizens(client: LibsqlClient, count: number): Promise<BenchCitizen[]> {
  const db = accountsDatabase(libsqlTransport(client as never));
  const now = Date.now();
  const all: BenchCitizen[] = [];
  const CHUNK = 500;
  for (let start = 0; start < count; start += CHUNK) {
    const rows: (typeof citizens.$inferInsert)[] = [];
    const audits: (typeof auditLog.$inferInsert)[] = [];
    for (let i = start; i < Math.min(count, start + CHUNK); i++) {
      const c: BenchCitizen = {
        index: i,
        id: `cit_bench_${i}`,
        document: makeDni(10_000_000 + i),
        mobile: `+3461${String(i).padStart(7, "0")}`,
        uses: 0,
      };
      all.push(c);
      rows.push({
        id: c.id,
        documentType: "DNI",
        documentNumber: c.document,
        contrastKind: "dni_validity",
        contrastValue: CONTRAST,
        givenName: "Bench",
        familyName: `Citizen ${i}`,
        secondFamilyName: null,
        birthDate: "1980-01-01",
        mobile: c.mobile,
        email: null,
        registrationLevel: "advanced",
        status: "active",
        createdAt: now,
        updatedAt: now,
      });
      audits.push({
        at: now,
        event: "citizen.registered",
        actor: "system",
        citizenId: c.id,
        loginId: null,
        ip: null,
        userAgent: null,
        detail: { documentType: "DNI", level: "advanced" },
      });
    }
    await db.batch([db.insert(citizens).values(rows), db.insert(auditLog).values(audits)]);
  }
  return all;
}

/**
 * Hands out citizens so that no two verifications ever share one (a citizen has one live PIN):
 * a window of citizens takes turns first-in first-out, and a citizen leaves it for a fresh one
 * after `uses` verifications (never more than PIN_MAX_SENDS_PER_HOUR).
 */
class CitizenPool {
  readonly #fresh: BenchCitizen[];
  readonly #turns: BenchCitizen[] = [];
  readonly #uses: number;
  #nextFresh = 0;
  #head = 0;

  constructor(all: BenchCitizen[], window: number, uses: number) {
    this.#fresh = all;
    this.#uses = uses;
    for (let i = 0; i < window; i++) this.#admit();
  }

  #admit(): void {
    const c = this.#fresh[this.#nextFresh];
    if (c) {
      this.#nextFresh++;
      this.#turns.push(c);
    }
  }

  take(): BenchCitizen | undefined {
    if (this.#head >= this.#turns.length) return undefined;
    const c = this.#turns[this.#head++];
    if (this.#head > 65_536) {
      this.#turns.splice(0, this.#head);
      this.#head = 0;
    }
    return c;
  }

  give(c: BenchCitizen): void {
    c.uses++;
    if (c.uses < this.#uses) this.#turns.push(c);
    else this.#admit();
  }

  /** A citizen no verification has used yet, outside the turns (its CitizenObject is new). */
  takeFresh(): BenchCitizen | undefined {
    const c = this.#fresh[this.#nextFresh];
    if (c) {
      this.#nextFresh++;
      c.uses++;
    }
    return c;
  }

  get citizensUsed(): number {
    return this.#nextFresh;
  }
}

/** PINs as the outbox receives them, handed to whoever waits for that mobile number. */
class PinInbox {
  readonly #waiting = new Map<string, (pin: string) => void>();
  lastAt = 0;

  onMessage = (entry: { to: string; text: string }): void => {
    this.lastAt = performance.now();
    const resolvePin = this.#waiting.get(entry.to);
    if (!resolvePin) return;
    this.#waiting.delete(entry.to);
    resolvePin(/PIN es (\d+)/.exec(entry.text)?.[1] ?? "");
  };

  /** Call before asking for the PIN: the message may arrive before the answer does. */
  expect(mobile: string): Promise<string> {
    return new Promise((resolvePin, reject) => {
      const timer = setTimeout(() => {
        this.#waiting.delete(mobile);
        reject(new Error(`no PIN reached the outbox for ${mobile} within ${PIN_WAIT_MS} ms`));
      }, PIN_WAIT_MS);
      this.#waiting.set(mobile, (pin) => {
        clearTimeout(timer);
        resolvePin(pin);
      });
    });
  }
}

/** Counts and times what the worker asks of this process: SQL over the bridge, outbox posts. */
class NodeSideMeter {
  sqlCalls = 0;
  sqlMs = 0;
  outboxCalls = 0;

  reset(): void {
    this.sqlCalls = this.sqlMs = this.outboxCalls = 0;
  }

  client(inner: LibsqlClient): LibsqlClient {
    return new Proxy(inner, {
      get: (target, prop) => {
        if (prop === "execute" || prop === "batch") {
          const method = target[prop].bind(target) as (...a: unknown[]) => Promise<unknown>;
          return async (...a: unknown[]) => {
            const t = performance.now();
            try {
              return await method(...a);
            } finally {
              this.sqlCalls++;
              this.sqlMs += performance.now() - t;
            }
          };
        }
        const v: unknown = Reflect.get(target, prop, target);
        return typeof v === "function" ? v.bind(target) : v;
      },
    });
  }

  outbox(inner: Outbox): Outbox {
    return {
      entries: inner.entries,
      handler: (request) => {
        this.outboxCalls++;
        return inner.handler(request);
      },
    };
  }
}

class FunctionalError extends Error {
  override name = "FunctionalError";
}

function expectStatus(step: string, reply: { status: number; text: string }, status: number) {
  if (reply.status !== status) {
    throw new FunctionalError(
      `${step}: expected ${status}, got ${reply.status}: ${reply.text.slice(0, 300)}`,
    );
  }
}

/** CPU and file descriptors over one measured window. */
class Window {
  #from: CpuSnapshot | null = null;
  #to: CpuSnapshot | null = null;
  #maxFds = 0;
  #fdTimer: NodeJS.Timeout | undefined;
  readonly #loop = monitorEventLoopDelay({ resolution: 1 });
  readonly #workerdPid: number | undefined;

  constructor(workerdPid: number | undefined) {
    this.#workerdPid = workerdPid;
  }

  open(): void {
    this.#from = cpuSnapshot();
    this.#loop.enable();
    this.#sampleFds();
    this.#fdTimer = setInterval(() => this.#sampleFds(), 1000);
  }

  close(): void {
    if (!this.#from || this.#to) return;
    this.#to = cpuSnapshot();
    this.#loop.disable();
    this.#sampleFds();
    clearInterval(this.#fdTimer);
  }

  #sampleFds(): void {
    if (this.#workerdPid === undefined) return;
    this.#maxFds = Math.max(this.#maxFds, openFds(this.#workerdPid) ?? 0);
  }

  result() {
    this.close();
    return {
      cores:
        this.#from && this.#to
          ? coresUsed(this.#from, this.#to)
          : { node: Number.NaN, workerd: null, others: null },
      loop: {
        p50: round(this.#loop.percentile(50) / 1e6),
        p99: round(this.#loop.percentile(99) / 1e6),
        max: round(this.#loop.max / 1e6),
      },
      workerdMaxFds: this.#workerdPid === undefined ? null : this.#maxFds,
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Phases

const STEPS = ["create", "getPin", "pinDelivery", "verify"] as const;
type Step = (typeof STEPS)[number];
type Timed = Step | "total";
const STEP_LABELS: Record<Timed, string> = {
  create: "POST /api/logins",
  getPin: "POST …/pin (Get PIN, sms)",
  pinDelivery: "PIN in outbox, after Get PIN answered",
  verify: "POST …/pin/verify",
  total: "complete verification",
};

type Ctx = {
  client: Client;
  pool: CitizenPool;
  inbox: PinInbox;
  meter: NodeSideMeter;
  workerdPid: number | undefined;
};

type LoadResult = {
  concurrency: number;
  durationS: number;
  verifications: number;
  throughput: number;
  latency: Record<Timed, Summary>;
  cpuCores: CoresUsed;
  cpuMsPerVerification: { node: number; workerd: number | null };
  nodeEventLoopDelayMs: { p50: number; p99: number; max: number };
  workerdMaxOpenFds: number | null;
  perVerification: { sqlCalls: number; sqlMs: number; outboxPosts: number };
  target: { throughput: boolean; p99: boolean; met: boolean };
};

let failure: Error | null = null;

/** One complete PIN verification; returns the time of each step and the total, in ms. */
async function verification(ctx: Ctx, c: BenchCitizen): Promise<number[]> {
  const t0 = performance.now();
  const created = await ctx.client.post("/api/logins");
  expectStatus("POST /api/logins", created, 201);
  const { loginId } = JSON.parse(created.text) as { loginId: string };
  const t1 = performance.now();
  const pinArrives = ctx.inbox.expect(c.mobile);
  pinArrives.catch(() => {}); // awaited below; this only keeps a failed Get PIN from leaking it
  const asked = await ctx.client.post(`/api/logins/${loginId}/pin`, {
    document: c.document,
    contrast: { kind: "dni_validity", value: CONTRAST },
    channel: "sms",
  });
  expectStatus("POST /api/logins/{id}/pin", asked, 202);
  const t2 = performance.now();
  let pin: string;
  try {
    pin = await pinArrives;
  } catch (error) {
    throw new FunctionalError(error instanceof Error ? error.message : String(error));
  }
  const t3 = performance.now();
  const verified = await ctx.client.post(`/api/logins/${loginId}/pin/verify`, { pin });
  expectStatus("POST /api/logins/{id}/pin/verify", verified, 200);
  if ((JSON.parse(verified.text) as { status?: string }).status !== "authenticated") {
    throw new FunctionalError(`verify answered 200 without authenticating: ${verified.text}`);
  }
  const t4 = performance.now();
  return [t1 - t0, t2 - t1, t3 - t2, t4 - t3, t4 - t0];
}

/**
 * Closed loop: `vus` virtual users each run verifications back to back for the warm-up plus
 * the measured duration. Verifications that finish inside the measured window count.
 */
async function runLoad(ctx: Ctx, vus: number): Promise<LoadResult> {
  const samples = {
    create: new Samples(),
    getPin: new Samples(),
    pinDelivery: new Samples(),
    verify: new Samples(),
    total: new Samples(),
  } satisfies Record<Timed, Samples>;
  const measureFrom = performance.now() + warmupS * 1000;
  const measureTo = measureFrom + durationS * 1000;
  const window = new Window(ctx.workerdPid);
  const opens = setTimeout(() => {
    ctx.meter.reset();
    window.open();
  }, warmupS * 1000);
  const closes = setTimeout(() => window.close(), (warmupS + durationS) * 1000);
  let exhausted = false;

  async function virtualUser(): Promise<void> {
    while (failure === null && performance.now() < measureTo) {
      const c = ctx.pool.take();
      if (!c) {
        exhausted = true;
        return;
      }
      let times: number[];
      try {
        times = await verification(ctx, c);
      } catch (error) {
        failure ??= error instanceof Error ? error : new Error(String(error));
        return;
      }
      ctx.pool.give(c);
      const end = performance.now();
      if (end >= measureFrom && end <= measureTo) {
        STEPS.forEach((s, i) => {
          samples[s].add(times[i] ?? 0);
        });
        samples.total.add(times[4] ?? 0);
      }
    }
  }

  await Promise.all(Array.from({ length: vus }, virtualUser));
  clearTimeout(opens);
  clearTimeout(closes);
  const w = window.result();
  if (failure) throw failure;
  if (exhausted) {
    throw new Error(
      `the citizen pool ran out (${citizenCount} citizens × ${usesPerCitizen} verifications): pass a larger --citizens`,
    );
  }
  const verifications = samples.total.count;
  const throughput = round(verifications / durationS, 1);
  const latency = {
    create: samples.create.summary(),
    getPin: samples.getPin.summary(),
    pinDelivery: samples.pinDelivery.summary(),
    verify: samples.verify.summary(),
    total: samples.total.summary(),
  };
  const per = (n: number) => round(n / Math.max(1, verifications));
  const msPer = (cores: number) => round((cores * 1000) / Math.max(1, throughput));
  const target = {
    throughput: throughput >= TARGET.throughput,
    p99: latency.total.p99 < TARGET.p99Ms,
    met: false,
  };
  target.met = target.throughput && target.p99;
  return {
    concurrency: vus,
    durationS,
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
    target,
  };
}

type Calibration = {
  request: string;
  rps: number;
  p50: number;
  cpuMsPerRequest: { node: number; workerd: number | null };
};

/**
 * What the stack costs before any PIN logic: requests that do (almost) nothing, at the same
 * concurrency, so the CPU per verification can be read against them. `GET` routes only; they
 * write nothing.
 */
async function runCalibration(ctx: Ctx, vus: number): Promise<Calibration[]> {
  const created = await ctx.client.post("/api/logins");
  expectStatus("POST /api/logins", created, 201);
  const { loginId } = JSON.parse(created.text) as { loginId: string };
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
    const window = new Window(ctx.workerdPid);
    const until = performance.now() + calibrationS * 1000;
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
    const rps = samples.count / calibrationS;
    out.push({
      request: kind.request,
      rps: round(rps, 0),
      p50: samples.summary().p50,
      cpuMsPerRequest: {
        node: round((w.cores.node * 1000) / rps, 3),
        workerd: w.cores.workerd === null ? null : round((w.cores.workerd * 1000) / rps, 3),
      },
    });
  }
  return out;
}

/** Waits until background work (delivery, audit) of earlier requests has settled. */
async function settle(inbox: PinInbox): Promise<void> {
  const until = performance.now() + 5_000;
  while (performance.now() < until && performance.now() - inbox.lastAt < 500) {
    await new Promise((r) => setTimeout(r, 100));
  }
}

const ENUM_GROUPS = [
  "knownWarm",
  "knownFirst",
  "unknownDocument",
  "unknownRepeated",
  "knownWrongContrast",
] as const;
type EnumGroup = (typeof ENUM_GROUPS)[number];
const ENUM_LABELS: Record<EnumGroup, string> = {
  knownWarm: "known citizen, correct datum (CitizenObject in use)",
  knownFirst: "known citizen, correct datum, first PIN (new CitizenObject)",
  unknownDocument: "unknown document, a new one each time",
  unknownRepeated: "unknown document, the same one each time",
  knownWrongContrast: "known document, wrong contrast datum",
};

/**
 * The timing class of "Get PIN": the same request for a registered citizen, an unknown
 * document and a registered document with the wrong contrast datum, each on a fresh login,
 * interleaved in a shuffled order, one request at a time so they do not queue behind each
 * other. Only the Get PIN request is timed. Every answer must also be byte-identical.
 */
async function runEnumeration(ctx: Ctx, perGroup: number, all: BenchCitizen[]) {
  const samples: Record<EnumGroup, Samples> = {
    knownWarm: new Samples(),
    knownFirst: new Samples(),
    unknownDocument: new Samples(),
    unknownRepeated: new Samples(),
    knownWrongContrast: new Samples(),
  };
  let reference: string | null = null;
  for (let i = 0; i < perGroup; i++) {
    const order = [...ENUM_GROUPS].sort(() => Math.random() - 0.5);
    for (const group of order) {
      const created = await ctx.client.post("/api/logins");
      expectStatus("POST /api/logins", created, 201);
      const { loginId } = JSON.parse(created.text) as { loginId: string };
      let document: string;
      let contrast = CONTRAST;
      let borrowed: BenchCitizen | undefined;
      if (group === "knownWarm") {
        borrowed = ctx.pool.take();
        if (!borrowed) throw new Error("the citizen pool ran out during the enumeration phase");
        document = borrowed.document;
      } else if (group === "knownFirst") {
        const fresh = ctx.pool.takeFresh();
        if (!fresh) throw new Error("the citizen pool ran out during the enumeration phase");
        document = fresh.document;
      } else if (group === "unknownDocument") {
        document = makeDni(90_000_000 + i);
      } else if (group === "unknownRepeated") {
        document = makeDni(99_999_999);
      } else {
        document = (all[(i * 7919) % all.length] as BenchCitizen).document;
        contrast = WRONG_CONTRAST;
      }
      const t = performance.now();
      const asked = await ctx.client.post(`/api/logins/${loginId}/pin`, {
        document,
        contrast: { kind: "dni_validity", value: contrast },
        channel: "sms",
      });
      samples[group].add(performance.now() - t);
      if (borrowed) ctx.pool.give(borrowed);
      expectStatus(`Get PIN (${ENUM_LABELS[group]})`, asked, 202);
      reference ??= asked.text;
      if (asked.text !== reference) {
        throw new FunctionalError(
          `Get PIN answers differ by citizen (${ENUM_LABELS[group]}): ${asked.text} vs ${reference}`,
        );
      }
    }
  }
  const groups = {
    knownWarm: samples.knownWarm.summary(),
    knownFirst: samples.knownFirst.summary(),
    unknownDocument: samples.unknownDocument.summary(),
    unknownRepeated: samples.unknownRepeated.summary(),
    knownWrongContrast: samples.knownWrongContrast.summary(),
  };
  const spread = (among: readonly EnumGroup[], pick: (s: Summary) => number) => {
    const v = among.map((g) => pick(groups[g]));
    return round(Math.max(...v) - Math.min(...v), 3);
  };
  const cold = ["knownFirst", "unknownDocument", "knownWrongContrast"] as const;
  return {
    perGroup,
    groups,
    /** Between Get PINs that all reach a CitizenObject for the first time. */
    coldSpreadMs: { p50: spread(cold, (s) => s.p50), p99: spread(cold, (s) => s.p99) },
    /**
     * The same unknown document asked again, minus a citizen whose CitizenObject is in use: a
     * repeated probe tells a registered document from an unknown one when this is not ~0.
     */
    repeatedUnknownMinusWarmMs: {
      p50: round(groups.unknownRepeated.p50 - groups.knownWarm.p50, 3),
      mean: round(groups.unknownRepeated.mean - groups.knownWarm.mean, 3),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Main

const bundle = bundleSize();
const tmp = mkdtempSync(join(storageBase, "llave-bench-"));
const meter = new NodeSideMeter();
const inbox = new PinInbox();
let mf: Miniflare | undefined;
let accounts: LibsqlClient | undefined;
let client: Client | undefined;
let exitCode = 0;

try {
  const setupStart = performance.now();
  accounts = await openAccounts(`file:${join(tmp, "llave.db")}`);
  await migrateAccounts(accounts);
  const all = await registerCitizens(accounts, citizenCount);
  const registeredMs = performance.now() - setupStart;

  const port = await freePort();
  const vars: Record<string, string> = {
    ISSUER: `http://127.0.0.1:${port}`,
    DEV_MODE: "true",
    PIN_PEPPER: randomBytes(32).toString("base64url"),
  };
  if (sendsPerHour !== DEFAULT_SENDS_PER_HOUR) vars.PIN_MAX_SENDS_PER_HOUR = String(sendsPerHour);
  mf = await startStack({
    bundle: resolve(ROOT, bundle.path),
    port,
    host: "127.0.0.1",
    accounts: meter.client(accounts),
    outbox: meter.outbox(createOutbox({ onMessage: inbox.onMessage })),
    vars,
  });
  const setupMs = performance.now() - setupStart;
  const workerd = descendants().find((p) => p.comm.includes("workerd"));
  client = clientKind === "http" ? httpClient(port, maxVus + 4) : fetchClient(port);
  const ctx: Ctx = {
    client,
    pool: new CitizenPool(all, inTurn, usesPerCitizen),
    inbox,
    meter,
    workerdPid: workerd?.pid,
  };

  console.log(
    `Llave PIN benchmark — ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), Node ${process.version}`,
  );
  console.log(
    `bundle ${bundle.path}: ${kib(bundle.rawBytes)} raw, ${kib(bundle.gzipBytes)} gzip; ` +
      `workerd ${workerd ? `pid ${workerd.pid}, ${workerd.threads} threads` : "?"} on 127.0.0.1:${port}`,
  );
  console.log(
    `storage: ${storage} (${storageBase}) for Durable Objects and the accounts database; ` +
      `${citizenCount} citizens registered in ${(registeredMs / 1000).toFixed(1)} s, stack up in ${(setupMs / 1000).toFixed(1)} s`,
  );
  console.log(
    `PIN_MAX_SENDS_PER_HOUR ${sendsPerHour}${sendsPerHour === DEFAULT_SENDS_PER_HOUR ? " (default, not raised)" : " (raised for the bench)"}; ` +
      `each citizen does ${usesPerCitizen} verification(s) then a fresh citizen takes over, ${inTurn} take turns at once`,
  );
  console.log(
    `load: closed loop, ${sweep.join("/")} virtual users, ${warmupS} s warm-up + ${durationS} s measured, client ${clientKind}\n`,
  );

  // Other processes share these cores: measure them for a second, and in every phase.
  const idleFrom = cpuSnapshot();
  await new Promise((r) => setTimeout(r, 1000));
  const background = coresUsed(idleFrom, cpuSnapshot());
  if ((background.others ?? 0) + (background.workerd ?? 0) + background.node > 0.15) {
    console.log(
      `warning: the machine is not idle before the load (other processes ${background.others ?? "?"} cores, ` +
        `workerd ${background.workerd ?? "?"}, node ${background.node}); figures will be lower than on a quiet machine\n`,
    );
  }

  let calibration: Calibration[] = [];
  if (calibrationS > 0) {
    calibration = await runCalibration(ctx, concurrency);
    for (const c of calibration) {
      console.log(
        `calibration ${c.request}: ${c.rps} req/s, p50 ${c.p50} ms, CPU ms/request node ${c.cpuMsPerRequest.node} workerd ${c.cpuMsPerRequest.workerd ?? "?"}`,
      );
    }
    console.log("");
  }

  const runs: LoadResult[] = [];
  for (const vus of sweep) {
    const r = await runLoad(ctx, vus);
    runs.push(r);
    console.log(
      `c=${String(vus).padStart(3)}  ${String(r.throughput).padStart(7)} verif/s  ` +
        `p50 ${r.latency.total.p50} ms  p99 ${r.latency.total.p99} ms  ` +
        `CPU cores: workerd ${r.cpuCores.workerd ?? "?"} node ${r.cpuCores.node} others ${r.cpuCores.others ?? "?"}  ` +
        `${r.target.met ? "target met" : "target missed"}`,
    );
    await settle(inbox);
  }

  let enumeration: Awaited<ReturnType<typeof runEnumeration>> | null = null;
  if (enumSamples > 0) {
    console.log(`\nenumeration timing: ${enumSamples} Get PIN per group, one at a time…`);
    enumeration = await runEnumeration(ctx, enumSamples, all);
  }

  // ---- report
  const primary = runs.find((r) => r.concurrency === concurrency) ?? runs[0];
  if (!primary) throw new Error("no load phase ran");
  const best = runs.reduce((a, b) => (b.throughput > a.throughput ? b : a));
  console.log("\n## Llave PIN verification benchmark\n");
  console.log(
    markdownTable(
      ["", ""],
      [
        ["machine", `${cpus().length} cores, Node ${process.version}, load generator in-process`],
        [
          `bundle ${bundle.path}`,
          `${kib(bundle.rawBytes)} raw, ${kib(bundle.gzipBytes)} gzip (${bundle.rawBytes} / ${bundle.gzipBytes} bytes)`,
        ],
        ["storage", `${storage} (Durable Objects + accounts database)`],
        ["virtual users", String(primary.concurrency)],
        ["throughput", `${primary.throughput} verifications/s`],
        [
          "complete verification p50 / p99",
          `${primary.latency.total.p50} / ${primary.latency.total.p99} ms`,
        ],
        [
          "CPU, cores busy",
          `workerd ${primary.cpuCores.workerd ?? "?"}, node ${primary.cpuCores.node} (load generator + libSQL bridge + outbox), other processes ${primary.cpuCores.others ?? "?"}`,
        ],
        [
          "CPU per verification",
          `workerd ${primary.cpuMsPerVerification.workerd ?? "?"} ms, node ${primary.cpuMsPerVerification.node} ms`,
        ],
        [
          `target ≥ ${TARGET.throughput}/s and p99 < ${TARGET.p99Ms} ms`,
          primary.target.met
            ? "MET"
            : `MISSED (throughput ${primary.target.throughput ? "ok" : "short"}, p99 ${primary.target.p99 ? "ok" : "over"})`,
        ],
      ],
    ),
  );
  console.log(`\n### Latency by step, ${primary.concurrency} virtual users (ms)\n`);
  console.log(
    markdownTable(
      ["step", "count", "mean", "p50", "p90", "p99", "max"],
      ([...STEPS, "total"] as const).map((s) => {
        const l = primary.latency[s];
        return [STEP_LABELS[s], l.count, l.mean, l.p50, l.p90, l.p99, l.max];
      }),
    ),
  );
  if (runs.length > 1) {
    console.log("\n### Concurrency sweep (latencies in ms)\n");
    console.log(
      markdownTable(
        [
          "VUs",
          "verif/s",
          "p50",
          "p99",
          "create p50",
          "Get PIN p50",
          "delivery p50",
          "verify p50",
          "workerd cores",
          "node cores",
          "other cores",
          "workerd ms/verif",
          "node ms/verif",
          "target",
        ],
        runs.map((r) => [
          r.concurrency,
          r.throughput,
          r.latency.total.p50,
          r.latency.total.p99,
          r.latency.create.p50,
          r.latency.getPin.p50,
          r.latency.pinDelivery.p50,
          r.latency.verify.p50,
          r.cpuCores.workerd ?? Number.NaN,
          r.cpuCores.node,
          r.cpuCores.others ?? Number.NaN,
          r.cpuMsPerVerification.workerd ?? Number.NaN,
          r.cpuMsPerVerification.node,
          r.target.met ? "met" : "missed",
        ]),
      ),
    );
  }
  if (calibration.length > 0) {
    console.log(`\n### Calibration: the stack without PIN logic, ${concurrency} virtual users\n`);
    console.log(
      markdownTable(
        ["request", "req/s", "p50 ms", "workerd CPU ms/req", "node CPU ms/req"],
        calibration.map((c) => [
          c.request,
          c.rps,
          c.p50,
          c.cpuMsPerRequest.workerd ?? Number.NaN,
          c.cpuMsPerRequest.node,
        ]),
      ),
    );
  }
  console.log(
    `\nper verification: ${primary.perVerification.sqlCalls} SQL calls over the bridge ` +
      `(${primary.perVerification.sqlMs} ms inside libSQL), ${primary.perVerification.outboxPosts} outbox posts; ` +
      `Node event-loop delay p50 ${primary.nodeEventLoopDelayMs.p50} / p99 ${primary.nodeEventLoopDelayMs.p99} ms; ` +
      `workerd open files up to ${primary.workerdMaxOpenFds ?? "?"}`,
  );
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
  console.log(
    `\nTarget (≥ ${TARGET.throughput} verifications/s with p99 < ${TARGET.p99Ms} ms): ${
      primary.target.met
        ? `MET at ${primary.concurrency} virtual users`
        : `MISSED at ${primary.concurrency} virtual users (${primary.throughput}/s, p99 ${primary.latency.total.p99} ms)${
            best !== primary
              ? `; best of the sweep ${best.throughput}/s at ${best.concurrency} (p99 ${best.latency.total.p99} ms)`
              : ""
          }`
    }`,
  );

  const out = resolve(ROOT, args.out);
  mkdirSync(resolve(out, ".."), { recursive: true });
  writeFileSync(
    out,
    `${formatJson({
      at: new Date().toISOString(),
      machine: {
        cores: cpus().length,
        cpu: cpus()[0]?.model ?? null,
        node: process.version,
        miniflare: packageVersion("miniflare"),
        wrangler: packageVersion("wrangler"),
      },
      options: {
        concurrency,
        sweep,
        warmupS,
        durationS,
        storage,
        client: clientKind,
        citizens: citizenCount,
        citizensUsed: ctx.pool.citizensUsed,
        pinMaxSendsPerHour: sendsPerHour,
        usesPerCitizen,
        enumSamplesPerGroup: enumSamples,
      },
      target: { ...TARGET, met: primary.target.met },
      backgroundCoresBeforeLoad: background,
      bundle,
      calibration,
      runs,
      enumeration,
    })}\n`,
  );
  console.log(`results → ${relative(ROOT, out)}`);
} catch (error) {
  exitCode = 1;
  console.error(
    `\nBenchmark failed: ${error instanceof Error ? `${error.name}: ${error.message}` : error}`,
  );
} finally {
  client?.close();
  await mf?.dispose();
  accounts?.close();
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(exitCode);

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

function packageVersion(name: string): string | null {
  try {
    const pkg = JSON.parse(
      readFileSync(resolve(ROOT, "node_modules", name, "package.json"), "utf8"),
    ) as { version?: string };
    return pkg.version ?? null;
  } catch {
    return null;
  }
}
