/**
 * The benchmark's command line (bench/README.md documents every option) and the constants the
 * phases share. Parsing exits with status 2 on a bad option.
 */
import { accessSync, constants, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { ROOT } from "../../scripts/lib/accounts.ts";

export const TARGET = { throughput: 1000, p99Ms: 25 };
/** PIN_MAX_SENDS_PER_HOUR's default (worker/src/config.ts). */
export const DEFAULT_SENDS_PER_HOUR = 10;
/** Every bench citizen's DNI validity date (the contrast datum), and a wrong one. */
export const CONTRAST = "2031-01-01";
export const WRONG_CONTRAST = "2030-12-31";
/** How long a verification waits for its PIN to reach the outbox. */
export const PIN_WAIT_MS = 5_000;
export const TMPFS = "/dev/shm";

export const RUNTIMES = ["workerd", "miniflare"] as const;
export type Runtime = (typeof RUNTIMES)[number];
export const STORAGES = ["tmpfs", "disk"] as const;
export type Storage = (typeof STORAGES)[number];

export type Options = {
  runtime: Runtime;
  concurrency: number;
  durationS: number;
  warmupS: number;
  /** Concurrencies, one pair of load phases each; `[concurrency]` without --sweep. */
  sweep: number[];
  enumSamples: number;
  calibrationS: number;
  sendsPerHour: number;
  usesPerCitizen: number;
  storage: Storage;
  client: "http" | "fetch";
  /** Citizens taking turns at once: enough that no virtual user waits for a free one. */
  inTurn: number;
  citizenCount: number;
  /** Logins created before each "PIN verification" phase; null: estimated from the full flow. */
  logins: number | null;
  /** Seconds the prepared logins stay idle before the phase (workerd evicts after 10 s). */
  loginIdleS: number;
  bundle: string;
  out: string;
};

/** A bad command line: says why and exits with status 2. */
export function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

export function intArg(name: string, raw: string | undefined, min = 1): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) fail(`--${name} must be an integer ≥ ${min}, got ${raw}`);
  return n;
}

export function choice<T extends string>(name: string, raw: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(raw)) {
    fail(`--${name} must be one of ${allowed.join(", ")}, got ${raw}`);
  }
  return raw as T;
}

export function tmpfsUsable(): boolean {
  try {
    accessSync(TMPFS, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** `--help`: prints bench/README.md, or only its `## section` when named, and exits. */
export function printHelp(section?: string): never {
  const readme = readFileSync(resolve(ROOT, "bench/README.md"), "utf8");
  const from = section === undefined ? -1 : readme.indexOf(`\n## ${section}\n`);
  if (from === -1) {
    console.log(readme);
  } else {
    const to = readme.indexOf("\n## ", from + 1);
    console.log(readme.slice(from + 1, to === -1 ? undefined : to).trimEnd());
  }
  process.exit(0);
}

export function parseOptions(argv = process.argv.slice(2)): Options {
  const { values: args } = parseArgs({
    args: argv,
    options: {
      runtime: { type: "string", default: "workerd" },
      concurrency: { type: "string", default: "16" },
      duration: { type: "string", default: "10" },
      warmup: { type: "string", default: "2" },
      sweep: { type: "string" },
      "enum-samples": { type: "string", default: "500" },
      calibration: { type: "string", default: "2" },
      citizens: { type: "string" },
      logins: { type: "string" },
      "login-idle": { type: "string", default: "11" },
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
  if (args.help) printHelp();

  const runtime = choice("runtime", args.runtime, RUNTIMES);
  const concurrency = intArg("concurrency", args.concurrency);
  const durationS = intArg("duration", args.duration);
  const warmupS = intArg("warmup", args.warmup, 0);
  const sweep = args.sweep
    ? args.sweep.split(",").map((c) => intArg("sweep", c.trim()))
    : [concurrency];
  const enumSamples = intArg("enum-samples", args["enum-samples"], 0);
  const sendsPerHour = args["sends-per-hour"]
    ? intArg("sends-per-hour", args["sends-per-hour"])
    : DEFAULT_SENDS_PER_HOUR;
  const usesPerCitizen = args["uses-per-citizen"]
    ? Math.min(sendsPerHour, intArg("uses-per-citizen", args["uses-per-citizen"]))
    : sendsPerHour;
  const storage = choice("storage", args.storage ?? (tmpfsUsable() ? "tmpfs" : "disk"), STORAGES);
  const inTurn = Math.max(...sweep) * 2;
  // A citizen may receive `sendsPerHour` PINs, so the pool must cover the whole run: both load
  // phases of every concurrency budgeted at 2,500 verifications/s (far above what 2 cores
  // reach), the enumeration phase, and the window of citizens in use.
  const citizenCount = args.citizens
    ? intArg("citizens", args.citizens)
    : Math.ceil((2500 * (warmupS + durationS) * 2 * sweep.length + enumSamples) / usesPerCitizen) +
      enumSamples +
      inTurn;
  return {
    runtime,
    concurrency,
    durationS,
    warmupS,
    sweep,
    enumSamples,
    calibrationS: intArg("calibration", args.calibration, 0),
    sendsPerHour,
    usesPerCitizen,
    storage,
    client: choice("client", args.client, ["http", "fetch"] as const),
    inTurn,
    citizenCount,
    logins: args.logins ? intArg("logins", args.logins) : null,
    loginIdleS: intArg("login-idle", args["login-idle"], 0),
    bundle: args.bundle,
    out: args.out,
  };
}
