/**
 * Milliseconds per Argon2id hash, measured three ways with the production code and costs:
 *
 * - in workerd: bench/lib/argon2-worker.ts bundled with esbuild and run by the same workerd
 *   binary as the bundle (bench/lib/workerd.ts), alone in its process. One request runs `n`
 *   hashes back to back; a hash costs (request − empty request) / n of wall time, and the
 *   workerd process's CPU time over the same requests gives CPU ms per hash;
 * - in workerd, whether a hash hands the event loop back (its `asyncTick`): in one more,
 *   untimed request the worker counts the timer callbacks that ran during a hash and how far
 *   Date.now() moved;
 * - in this Node process, the same `hashPassword` for reference (same V8 family, no isolate).
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { freePort } from "../../scripts/lib/free-port.ts";
import { cryptoRandom } from "../../worker/src/crypto/random.ts";
import {
  type Argon2Params,
  hashPassword,
} from "../../worker/src/methods/password/password-hash.ts";
import { cpuSnapshot, residentMib } from "./cpu.ts";
import { HeapSampler } from "./heap.ts";
import { httpClient } from "./http.ts";
import { type Latency, latency } from "./password-load.ts";
import { round } from "./stats.ts";
import { startWorkerd } from "./workerd.ts";

export type Argon2Timing = {
  costs: Argon2Params;
  /** Hashes per request and requests measured (after one warm-up request). */
  hashesPerRequest: number;
  requests: number;
  /** Wall ms per hash in workerd: (request − empty request) / hashes per request. */
  workerdMsPerHash: Latency;
  /** The empty request's round trip, subtracted above. */
  noopMs: number;
  /** workerd CPU (user + system) per hash over the measured requests. */
  workerdCpuMsPerHash: number | null;
  /** Timer callbacks that ran during one hash (untimed request), and how far Date.now() moved. */
  ticksDuringHashes: number;
  clockAdvancedMs: number;
  /** The bench worker's resident memory before and after the hashes (MiB). */
  workerdRssMib: { idle: number | null; after: number | null };
  /** V8's ArrayBuffer backing stores in its isolate after the hashes, dead ones included (MiB). */
  v8BackingStoreMibAfter: number | null;
  /** The same hashPassword in this Node process. */
  nodeMsPerHash: Latency;
};

/** Bundles the bench-only worker into `dir`/argon2-worker.js; returns its path. */
async function bundleWorker(dir: string): Promise<string> {
  const outfile = join(dir, "argon2-worker.js");
  await build({
    entryPoints: [new URL("./argon2-worker.ts", import.meta.url).pathname],
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2024",
    outfile,
    logLevel: "silent",
  });
  return outfile;
}

export async function timeArgon2(options: {
  dir: string;
  costs: Argon2Params;
  compatibilityDate: string;
  hashesPerRequest: number;
  requests: number;
  nodeHashes: number;
}): Promise<Argon2Timing> {
  const { costs, hashesPerRequest, requests } = options;
  const dir = join(options.dir, "argon2");
  const bundle = await bundleWorker(options.dir);
  const port = await freePort();
  const inspectorPort = await freePort();
  const workerd = await startWorkerd({
    dir,
    port,
    inspectorPort,
    worker: {
      name: "argon2-bench",
      bundle,
      compatibilityDate: options.compatibilityDate,
      compatibilityFlags: ["nodejs_compat"],
      vars: {},
      durableObjects: {},
      services: {},
      storage: { disk: join(dir, "do") },
    },
    onLog: (line) => console.error(`argon2 workerd: ${line}`),
  });
  const http = httpClient(port, 2);
  let heap: HeapSampler | null = null;
  try {
    const query = `m=${costs.m}&t=${costs.t}&p=${costs.p}`;
    const timed = async (path: string) => {
      const t = performance.now();
      const reply = await http.get(path);
      if (reply.status !== 200) throw new Error(`${path}: ${reply.status} ${reply.text}`);
      return { ms: performance.now() - t, body: reply.text };
    };
    const idle = residentMib(workerd.pid);
    // Warm-up: the first request compiles the module and the hash's hot loop.
    await timed(`/hash?n=1&${query}`);
    const noop: number[] = [];
    for (let i = 0; i < 20; i++) noop.push((await timed("/noop")).ms);
    const noopMs = latency(noop).p50;

    const perHash: number[] = [];
    const from = cpuSnapshot(workerd.pid);
    for (let i = 0; i < requests; i++) {
      const { ms } = await timed(`/hash?n=${hashesPerRequest}&${query}`);
      perHash.push((ms - noopMs) / hashesPerRequest);
    }
    const to = cpuSnapshot(workerd.pid);
    heap = await HeapSampler.connect(inspectorPort, 50);
    const backing = (await heap.usage())?.backingStorageSize;
    // Untimed: does a hash hand the event loop back?
    const observed = JSON.parse((await timed(`/hash?n=1&observe=1&${query}`)).body) as {
      ticks: number;
      clockMs: number;
    };
    const cpuMs =
      from.childrenMs === null || to.childrenMs === null ? null : to.childrenMs - from.childrenMs;

    // Node: the same function, the same costs, in this process.
    const pepper = new TextEncoder().encode("bench-only pepper, 32 bytes long!");
    await hashPassword("marmota verde del Moncayo", pepper, costs, cryptoRandom);
    const node: number[] = [];
    for (let i = 0; i < options.nodeHashes; i++) {
      const t = performance.now();
      await hashPassword("marmota verde del Moncayo", pepper, costs, cryptoRandom);
      node.push(performance.now() - t);
    }

    return {
      costs,
      hashesPerRequest,
      requests,
      workerdMsPerHash: latency(perHash),
      noopMs,
      workerdCpuMsPerHash: cpuMs === null ? null : round(cpuMs / (requests * hashesPerRequest)),
      ticksDuringHashes: observed.ticks,
      clockAdvancedMs: observed.clockMs,
      workerdRssMib: { idle, after: residentMib(workerd.pid) },
      v8BackingStoreMibAfter:
        backing === undefined ? null : Math.round((backing / 1048576) * 10) / 10,
      nodeMsPerHash: latency(node),
    };
  } finally {
    heap?.dispose();
    http.close();
    await workerd.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
