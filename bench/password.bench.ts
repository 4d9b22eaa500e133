/**
 * `npm run bench:password` (and the last part of `npm run bench`): the permanent password on the
 * production bundle (dist/index.js) in workerd, with the production Argon2id costs (m=19456 KiB,
 * t=2, p=1) and hashing gate (2 at once, 8 waiting): milliseconds per Argon2id hash, password
 * logins per second at rising concurrency, the latency of right, wrong, unknown-document and
 * blocked logins, and the workerd process's peak memory with the gate saturated.
 * bench/README.md ("Password") explains what is measured and every option.
 *
 * Hashing is timed here, never inside vitest-plugin tests: the tests' transform slows Argon2id
 * about 12× (test/worker/password-support.ts), so they run with tiny costs.
 *
 * Each load phase (every concurrency of the sweep, every burst, the overload) gets a workerd
 * process of its own, started on the same storage: its memory starts from a fresh isolate, and
 * a phase that leaves the isolate's hashing gate unusable does not spoil the next one. After a
 * phase, one lone login says whether the isolate still serves passwords.
 *
 * Exit status: 0 after a clean run; 1 on a functional error (an answer other than the expected
 * one — under load, anything but 200 or 429 password_busy — a code that never reaches the
 * outbox, a failed set-up), after the report when the run got that far; 2 on a bad option.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Client as LibsqlClient } from "@libsql/client";
import { unstable_getMiniflareWorkerOptions } from "wrangler";
import { ROOT } from "../scripts/lib/accounts.ts";
import { freePort } from "../scripts/lib/free-port.ts";
import { createOutbox } from "../scripts/lib/outbox.ts";
import { generateSecrets } from "../scripts/lib/secrets.ts";
import { type Argon2Timing, timeArgon2 } from "./lib/argon2-timing.ts";
import { backgroundCores } from "./lib/cpu.ts";
import { HeapSampler } from "./lib/heap.ts";
import { type Client, httpClient } from "./lib/http.ts";
import { browserCookie, registerLoginClient } from "./lib/login-start.ts";
import { idleRss } from "./lib/memory.ts";
import { NodeSideMeter } from "./lib/node-side.ts";
import { TMPFS } from "./lib/options.ts";
import {
  burst,
  closedLoop,
  loneLogin,
  repairCitizens,
  runClasses,
  triesLeftNow,
} from "./lib/password-load.ts";
import { BENCH_IP_LIMIT, PRODUCTION_ARGON2, parsePasswordOptions } from "./lib/password-options.ts";
import {
  type Fresh,
  functionalErrors,
  type PasswordResult,
  printPasswordReport,
  writePasswordResults,
} from "./lib/password-report.ts";
import { activateAll, blockPassword, OtpInbox } from "./lib/password-setup.ts";
import { type RunningStack, startBenchStack } from "./lib/runtime.ts";
import {
  type BenchCitizen,
  openBenchAccounts,
  registerCitizens,
  snapshotBundle,
} from "./lib/setup.ts";

const options = parsePasswordOptions();
const tmp = mkdtempSync(join(options.storage === "tmpfs" ? TMPFS : tmpdir(), "llave-password-"));
const meter = new NodeSideMeter();
const inbox = new OtpInbox();
let stack: RunningStack | undefined;
let accounts: LibsqlClient | undefined;
let http: Client | undefined;
let heap: HeapSampler | null = null;
let exitCode = 0;

/** The commit, and the worker files that differed from it (dist/ is built from the tree). */
function sourceState(): { commit: string | null; uncommittedWorkerFiles: string[] } {
  const git = (args: string[]) => execFileSync("git", args, { cwd: ROOT, encoding: "utf8" }).trim();
  try {
    const changed = git(["status", "--porcelain", "--", "worker", "web-widget/src"]);
    return {
      commit: git(["rev-parse", "--short", "HEAD"]),
      uncommittedWorkerFiles: changed === "" ? [] : changed.split("\n").map((l) => l.slice(3)),
    };
  } catch {
    return { commit: null, uncommittedWorkerFiles: [] };
  }
}

const seconds = (fromMs: number) => Math.round((performance.now() - fromMs) / 100) / 10;

try {
  const loadAverageAtStart = loadavg().map((l) => Math.round(l * 100) / 100);
  console.log(`Llave password benchmark — load average ${loadAverageAtStart.join(" / ")} at start`);
  const bundle = snapshotBundle(options.bundle, tmp);
  const source = sourceState();
  const { workerOptions } = unstable_getMiniflareWorkerOptions(resolve(ROOT, "wrangler.toml"));
  const compatibilityDate = String(workerOptions.compatibilityDate);

  // Argon2id alone first, while nothing else of the bench runs.
  let argon2: Argon2Timing | null = null;
  if (options.hashRequests > 0) {
    console.log("Argon2id alone: a bench-only worker in workerd, then this Node process…");
    argon2 = await timeArgon2({
      dir: tmp,
      costs: PRODUCTION_ARGON2,
      compatibilityDate,
      hashesPerRequest: options.hashesPerRequest,
      requests: options.hashRequests,
      nodeHashes: options.nodeHashes,
    });
    console.log(
      `  workerd p50 ${argon2.workerdMsPerHash.p50} ms/hash (CPU ${argon2.workerdCpuMsPerHash} ms), ` +
        `Node p50 ${argon2.nodeMsPerHash.p50} ms/hash`,
    );
  }

  // The citizens: `options.citizens` with a password, and one more whose password is blocked.
  const db = await openBenchAccounts(tmp);
  accounts = db;
  const all = await registerCitizens(db, options.citizens + 1);
  const pool = all.slice(0, options.citizens);
  const blocked = all[options.citizens];
  if (!blocked) throw new Error("no citizen to block");

  const port = await freePort();
  const secrets = generateSecrets();
  const vars: Record<string, string> = {
    ISSUER: `http://127.0.0.1:${port}`,
    DEV_MODE: "true",
    ...secrets,
    PASSWORD_ATTEMPTS_PER_IP_MINUTE: String(BENCH_IP_LIMIT),
    PASSWORD_HASH_CONCURRENCY: String(options.gate.concurrency),
    PASSWORD_HASH_QUEUE: String(options.gate.queue),
  };
  const outbox = meter.outbox(createOutbox({ onMessage: inbox.onMessage }));
  const maxSockets = Math.max(options.burst, ...options.sweep) + 4;
  // One browser for the whole run, through every restart: its binding cookie goes with every
  // request, so each login started at the bench agency's /authorize takes its steps from it.
  const browser = { cookie: browserCookie() };
  /**
   * A new workerd on the same storage, port and secrets, a new client to it, and (unless
   * --heap-ms 0) a reader of its isolate's V8 heap through the inspector.
   */
  const restart = async (): Promise<{ s: RunningStack; h: Client }> => {
    http?.close();
    heap?.dispose();
    heap = null;
    await stack?.stop();
    stack = undefined;
    const inspectorPort = options.heapMs > 0 ? await freePort() : undefined;
    const s = await startBenchStack({
      ...(inspectorPort === undefined ? {} : { inspectorPort }),
      runtime: "workerd",
      bundle: bundle.path,
      port,
      dir: tmp,
      storage: options.storage,
      accounts: meter.client(db),
      outbox,
      vars,
    });
    stack = s;
    const h = httpClient(port, maxSockets, browser);
    http = h;
    // One request so that the isolate exists before its idle memory is read.
    await h.get("/.well-known/openid-configuration");
    if (inspectorPort !== undefined)
      heap = await HeapSampler.connect(inspectorPort, options.heapMs);
    return { s, h };
  };

  let { s: first, h: client } = await restart();
  const pid = () => stack?.workerdPid;
  console.log(
    `workerd ${first.workerdVersion} pid ${first.workerdPid ?? "?"} on 127.0.0.1:${port}`,
  );
  const beforeHashing = first.workerdPid === undefined ? null : await idleRss(first.workerdPid);
  // The agency whose /authorize starts every login (in the accounts database: it outlives
  // each restart).
  await registerLoginClient(client, secrets.ADMIN_TOKEN);

  const activationStart = performance.now();
  console.log(`activating ${pool.length} citizens' passwords through the API…`);
  await activateAll(client, inbox, secrets.ADMIN_TOKEN, pool);
  const wrongToBlock = await blockPassword(client, blocked);
  const activationS = seconds(activationStart);
  console.log(
    `  done in ${activationS} s; ${blocked.document} blocked after ${wrongToBlock} wrong passwords`,
  );
  await meter.settle();
  const afterSeeding = first.workerdPid === undefined ? null : await idleRss(first.workerdPid);

  const background = await backgroundCores(1000);
  if ((background.others ?? 0) + (background.workerd ?? 0) + background.node > 0.15) {
    console.log(
      `warning: the machine is not idle before the load (other processes ${background.others ?? "?"} cores, ` +
        `workerd ${background.workerd ?? "?"}, node ${background.node}); figures will be noisier than on a quiet machine`,
    );
  }

  console.log(`latency by answer: ${options.classSamples} shuffled rounds, one login at a time…`);
  const classes = await runClasses(client, pool, blocked, options.classSamples);
  for (const c of classes) {
    console.log(`  ${c.label}: p50 ${c.latency.p50} ms, p95 ${c.latency.p95} ms`);
  }
  await meter.settle();

  /**
   * Runs `phase` on a fresh workerd (after `warmLogins` lone logins to compile the hot paths),
   * then asks for one lone login on the same isolate. The citizens whose logins failed are
   * probed and set right on the next fresh workerd (guards live in Durable Object storage,
   * which stays): the first one's triesLeft, then a right login or a new activation each.
   */
  let pending: { citizens: BenchCitizen[]; into: Fresh } | null = null;
  const settlePending = async (h: Client) => {
    if (!pending) return;
    const [firstCitizen] = pending.citizens;
    if (firstCitizen) pending.into.triesLeftAfterError = await triesLeftNow(h, firstCitizen);
    pending.into.repair = await repairCitizens(h, inbox, secrets.ADMIN_TOKEN, pending.citizens);
    pending = null;
    await meter.settle(300, 2_000);
  };
  const fresh = async <T extends { errorCitizens: number[] }>(
    phase: (h: Client) => Promise<T>,
    warmLogins: number,
  ): Promise<T & { fresh: Fresh }> => {
    ({ h: client } = await restart());
    if (pending) {
      // The repair hashes: start the phase from a fresh workerd once more.
      await settlePending(client);
      ({ h: client } = await restart());
    }
    for (let i = 0; i < warmLogins; i++) await loneLogin(client, pool[i] as BenchCitizen);
    await meter.settle(300, 2_000);
    const workerdPid = pid();
    const idleRssMib = workerdPid === undefined ? null : await idleRss(workerdPid, 500);
    const result = await phase(client);
    await meter.settle(300, 2_000);
    const after = await loneLogin(client, pool[pool.length - 1] as BenchCitizen);
    const extra: Fresh = {
      idleRssMib,
      loneLoginAfter: after,
      triesLeftAfterError: null,
      repair: null,
    };
    const erred = result.errorCitizens
      .map((i) => all[i])
      .filter((c): c is BenchCitizen => c !== undefined);
    if (erred.length > 0) pending = { citizens: erred, into: extra };
    return { ...result, fresh: extra };
  };

  const sweep: PasswordResult["sweep"] = [];
  for (const vus of options.sweep) {
    const s = await fresh(
      (h) =>
        closedLoop(h, pool, {
          vus,
          warmupS: options.warmupS,
          durationS: options.durationS,
          workerdPid: pid(),
          sampleMs: options.sampleMs,
          heap,
        }),
      2,
    );
    console.log(
      `c=${String(vus).padStart(2)} ${String(s.throughput).padStart(6)} logins/s  p50 ${s.latency.p50} ms  p95 ${s.latency.p95} ms  ` +
        `workerd ${s.cpuCores.workerd ?? "?"} cores, ${s.workerdCpuMsPerLogin ?? "?"} CPU ms/login  ` +
        `RSS ${s.fresh.idleRssMib ?? "?"} → peak ${s.memory?.peakMib ?? "?"} MiB, V8 buffers peak ${s.heap?.peakBackingMib ?? "?"} MiB  busy ${s.busy}  ` +
        `other ${s.errors}${s.errors > 0 ? ` ${JSON.stringify(s.errorStatuses)}` : ""}; then a lone login: ${s.fresh.loneLoginAfter}`,
    );
    sweep.push(s);
  }

  const bursts: PasswordResult["bursts"] = [];
  for (let i = 0; i < options.bursts; i++) {
    const b = await fresh(
      (h) =>
        burst(h, pool, {
          size: options.burst,
          workerdPid: pid(),
          sampleMs: options.sampleMs,
          heap,
        }),
      2,
    );
    console.log(
      `burst ${i + 1}: ${b.size} at once → ${b.authenticated} authenticated, ${b.busy} password_busy, ` +
        `${b.errors} other ${JSON.stringify(b.errorStatuses)} in ${b.wallMs} ms; ` +
        `RSS ${b.fresh.idleRssMib ?? "?"} → peak ${b.memory?.peakMib ?? "?"} MiB, VmHWM ${b.memory?.hwmMib ?? "?"} MiB, ` +
        `V8 buffers peak ${b.heap?.peakBackingMib ?? "?"} MiB; ` +
        `then a lone login: ${b.fresh.loneLoginAfter}`,
    );
    bursts.push(b);
  }

  let overload: PasswordResult["overload"] = null;
  if (options.overloadS > 0) {
    const o = await fresh(
      (h) =>
        closedLoop(h, pool, {
          vus: options.burst,
          warmupS: 0,
          durationS: options.overloadS,
          workerdPid: pid(),
          sampleMs: options.sampleMs,
          heap,
        }),
      2,
    );
    console.log(
      `overload: ${options.burst} at a time for ${options.overloadS} s → ${o.logins} authenticated, ${o.busy} password_busy, ` +
        `${o.errors} other ${JSON.stringify(o.errorStatuses)}; RSS ${o.fresh.idleRssMib ?? "?"} → peak ${o.memory?.peakMib ?? "?"} MiB, ` +
        `VmHWM ${o.memory?.hwmMib ?? "?"} MiB, V8 buffers peak ${o.heap?.peakBackingMib ?? "?"} MiB; then a lone login: ${o.fresh.loneLoginAfter}`,
    );
    overload = o;
  }
  // The last phase's failed citizens, on a fresh workerd once more.
  if (pending) {
    ({ h: client } = await restart());
    await settlePending(client);
  }

  const result: PasswordResult = {
    options,
    source,
    workerd: first.workerdVersion,
    bundle,
    setup: { citizensActivated: pool.length, activationS, wrongToBlock },
    backgroundCoresBeforeLoad: background,
    loadAverageAtStart,
    argon2,
    idleRssMib: { beforeHashing, afterSeeding },
    classes,
    sweep,
    bursts,
    overload,
  };
  printPasswordReport(result);
  console.log(`\nresults → ${writePasswordResults(result)}`);
  if (functionalErrors(result).length > 0) exitCode = 1;
} catch (error) {
  exitCode = 1;
  console.error(
    `\nBenchmark failed: ${error instanceof Error ? `${error.name}: ${error.message}` : error}`,
  );
} finally {
  http?.close();
  (heap as HeapSampler | null)?.dispose();
  await stack?.stop();
  accounts?.close();
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(exitCode);
