/**
 * The password benchmark's command line (bench/README.md, "Password", documents every option).
 * Parsing exits with status 2 on a bad option.
 */
import { parseArgs } from "node:util";
import { choice, fail, intArg, printHelp, STORAGES, type Storage, tmpfsUsable } from "./options.ts";

/** The production defaults the bench runs with (worker/src/config.ts); only the IP limit moves. */
export const PRODUCTION_ARGON2 = { m: 19456, t: 2, p: 1 } as const;
export const PRODUCTION_GATE = { concurrency: 2, queue: 8 } as const;
/** PASSWORD_ATTEMPTS_PER_IP_MINUTE for the bench: the default (30) would refuse the load. */
export const BENCH_IP_LIMIT = 1_000_000;

export type PasswordOptions = {
  /** Closed-loop concurrencies of the throughput sweep. */
  sweep: number[];
  warmupS: number;
  durationS: number;
  /** Logins per latency class (right, wrong, unknown, blocked) at concurrency 1. */
  classSamples: number;
  /** Logins fired at once in one burst, bursts, and seconds of sustained overload. */
  burst: number;
  bursts: number;
  overloadS: number;
  /** The hashing gate: the production defaults unless --hash-concurrency / --hash-queue. */
  gate: { concurrency: number; queue: number };
  /** RSS sampling period of the workerd process. */
  sampleMs: number;
  /** Period of the V8 heap readings through workerd's inspector; 0: no inspector. */
  heapMs: number;
  /** Citizens activated with a password through the API: at least `burst`. */
  citizens: number;
  /** Argon2id alone in workerd: requests, hashes per request; and hashes timed in Node. */
  hashRequests: number;
  hashesPerRequest: number;
  nodeHashes: number;
  storage: Storage;
  bundle: string;
  out: string;
};

export function parsePasswordOptions(argv = process.argv.slice(2)): PasswordOptions {
  const { values: args } = parseArgs({
    args: argv,
    options: {
      sweep: { type: "string", default: "1,2,4,8" },
      warmup: { type: "string", default: "2" },
      duration: { type: "string", default: "10" },
      "class-samples": { type: "string", default: "20" },
      burst: { type: "string", default: "32" },
      bursts: { type: "string", default: "3" },
      overload: { type: "string", default: "5" },
      "sample-ms": { type: "string", default: "20" },
      "heap-ms": { type: "string", default: "50" },
      "hash-concurrency": { type: "string", default: String(PRODUCTION_GATE.concurrency) },
      "hash-queue": { type: "string", default: String(PRODUCTION_GATE.queue) },
      citizens: { type: "string" },
      "hash-requests": { type: "string", default: "10" },
      "hashes-per-request": { type: "string", default: "4" },
      "node-hashes": { type: "string", default: "10" },
      storage: { type: "string" },
      bundle: { type: "string", default: "dist/index.js" },
      out: { type: "string", default: "bench/results/password-latest.json" },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (args.help) printHelp("Password");
  const sweep = args.sweep.split(",").map((c) => intArg("sweep", c.trim()));
  const burst = intArg("burst", args.burst);
  const needed = Math.max(burst, ...sweep);
  const citizens = args.citizens ? intArg("citizens", args.citizens) : needed + 8;
  // Two logins in flight for one citizen would count against each other's guard.
  if (citizens < needed) fail(`--citizens must be at least ${needed} (--burst and --sweep)`);
  return {
    sweep,
    warmupS: intArg("warmup", args.warmup, 0),
    durationS: intArg("duration", args.duration),
    classSamples: intArg("class-samples", args["class-samples"], 0),
    burst,
    bursts: intArg("bursts", args.bursts, 0),
    overloadS: intArg("overload", args.overload, 0),
    gate: {
      concurrency: intArg("hash-concurrency", args["hash-concurrency"]),
      queue: intArg("hash-queue", args["hash-queue"], 0),
    },
    sampleMs: intArg("sample-ms", args["sample-ms"]),
    heapMs: intArg("heap-ms", args["heap-ms"], 0),
    citizens,
    hashRequests: intArg("hash-requests", args["hash-requests"], 0),
    hashesPerRequest: intArg("hashes-per-request", args["hashes-per-request"]),
    nodeHashes: intArg("node-hashes", args["node-hashes"], 0),
    storage: choice("storage", args.storage ?? (tmpfsUsable() ? "tmpfs" : "disk"), STORAGES),
    bundle: args.bundle,
    out: args.out,
  };
}
