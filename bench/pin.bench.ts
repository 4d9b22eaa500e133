/**
 * `npm run bench`: throughput and latency of PIN verifications against the production bundle
 * (dist/index.js, built by `npm run build` exactly as for deploy), run in workerd directly
 * (`--runtime workerd`, the default) or through Miniflare (`--runtime miniflare`), with the load
 * generator, the libSQL bridge and the dev outbox in this Node process on the same machine.
 * bench/README.md explains what is measured and every option.
 *
 * Exit status: 0 whether or not the target is met; 1 on a functional error (an answer other
 * than the expected 2xx, a PIN that never arrives, "Get PIN" answers that differ by citizen) or
 * a misconfigured run.
 */

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Client as LibsqlClient } from "@libsql/client";
import { freePort } from "../scripts/lib/free-port.ts";
import { createOutbox } from "../scripts/lib/outbox.ts";
import { generateSecrets } from "../scripts/lib/secrets.ts";
import { type Calibration, runCalibration } from "./lib/calibration.ts";
import { backgroundCores } from "./lib/cpu.ts";
import { type Enumeration, runEnumeration } from "./lib/enumeration.ts";
import { type Client, fetchClient, httpClient } from "./lib/http.ts";
import { type BenchContext, loginsNeeded, prepareLogins, runLoad } from "./lib/load.ts";
import { browserCookie, registerLoginClient } from "./lib/login-start.ts";
import { NodeSideMeter, PinInbox } from "./lib/node-side.ts";
import { DEFAULT_SENDS_PER_HOUR, parseOptions, TMPFS } from "./lib/options.ts";
import {
  calibrationLine,
  phaseLine,
  printReport,
  printSetup,
  type RunPair,
  writeResults,
} from "./lib/report.ts";
import { type RunningStack, startBenchStack } from "./lib/runtime.ts";
import { CitizenPool, openBenchAccounts, registerCitizens, snapshotBundle } from "./lib/setup.ts";

const options = parseOptions();
const tmp = mkdtempSync(join(options.storage === "tmpfs" ? TMPFS : tmpdir(), "llave-bench-"));
const meter = new NodeSideMeter();
const inbox = new PinInbox();
let stack: RunningStack | undefined;
let accounts: LibsqlClient | undefined;
let client: Client | undefined;
let exitCode = 0;

try {
  const bundle = snapshotBundle(options.bundle, tmp);
  const setupStart = performance.now();
  accounts = await openBenchAccounts(tmp);
  const all = await registerCitizens(accounts, options.citizenCount);
  const registeredMs = performance.now() - setupStart;

  const port = await freePort();
  const secrets = generateSecrets();
  const vars: Record<string, string> = {
    ISSUER: `http://127.0.0.1:${port}`,
    DEV_MODE: "true",
    ...secrets,
  };
  if (options.sendsPerHour !== DEFAULT_SENDS_PER_HOUR) {
    vars.PIN_MAX_SENDS_PER_HOUR = String(options.sendsPerHour);
  }
  stack = await startBenchStack({
    runtime: options.runtime,
    bundle: bundle.path,
    port,
    dir: tmp,
    storage: options.storage,
    accounts: meter.client(accounts),
    outbox: meter.outbox(createOutbox({ onMessage: inbox.onMessage })),
    vars,
  });
  const maxVus = Math.max(...options.sweep);
  // One browser: every login starts at the bench agency's /authorize and every step carries
  // this binding cookie (bench/lib/login-start.ts).
  const browser = { cookie: browserCookie() };
  client =
    options.client === "http" ? httpClient(port, maxVus + 4, browser) : fetchClient(port, browser);
  await registerLoginClient(client, secrets.ADMIN_TOKEN);
  const setupMs = performance.now() - setupStart;
  const ctx: BenchContext = {
    client,
    pool: new CitizenPool(all, options.inTurn, options.usesPerCitizen),
    inbox,
    meter,
    workerdPid: stack.workerdPid,
    options,
  };

  printSetup({
    options,
    stack,
    bundle,
    dir: tmp,
    registeredS: registeredMs / 1000,
    setupS: setupMs / 1000,
  });
  // Other processes share these cores: measure them for a second, and in every phase.
  const background = await backgroundCores(1000);
  if ((background.others ?? 0) + (background.workerd ?? 0) + background.node > 0.15) {
    console.log(
      `warning: the machine is not idle before the load (other processes ${background.others ?? "?"} cores, ` +
        `workerd ${background.workerd ?? "?"}, node ${background.node}); figures will be lower than on a quiet machine\n`,
    );
  }

  let calibration: Calibration[] = [];
  if (options.calibrationS > 0) {
    calibration = await runCalibration(ctx, options.concurrency);
    for (const c of calibration) console.log(calibrationLine(c));
    console.log("");
  }

  // Per concurrency: the full flow, then the PIN verification on logins created just before.
  const runs: RunPair[] = [];
  for (const vus of options.sweep) {
    const full = await runLoad(ctx, "full", vus);
    console.log(phaseLine(full));
    await meter.settle();
    const bestPin = Math.max(0, ...runs.map((r) => r.pin.throughput));
    const needed = loginsNeeded(options, vus, full.throughput, bestPin);
    const logins = await prepareLogins(ctx, needed, vus);
    await meter.settle();
    const pin = await runLoad(ctx, "pin", vus, logins);
    console.log(phaseLine(pin));
    await meter.settle();
    runs.push({ concurrency: vus, pin, full });
  }

  let enumeration: Enumeration | null = null;
  if (options.enumSamples > 0) {
    console.log(`\nenumeration timing: ${options.enumSamples} Get PIN per group, one at a time…`);
    enumeration = await runEnumeration(ctx, options.enumSamples);
  }

  const result = {
    options,
    runtime: { name: stack.runtime, workerd: stack.workerdVersion, port },
    bundle,
    backgroundCoresBeforeLoad: background,
    calibration,
    runs,
    enumeration,
  };
  printReport(result);
  console.log(`results → ${writeResults(result, ctx.pool.citizensUsed)}`);
} catch (error) {
  exitCode = 1;
  console.error(
    `\nBenchmark failed: ${error instanceof Error ? `${error.name}: ${error.message}` : error}`,
  );
} finally {
  client?.close();
  await stack?.stop();
  accounts?.close();
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(exitCode);
