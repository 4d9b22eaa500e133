/**
 * `npm run bench:mobile` (and part of `npm run bench`): the citizen app's approvals against the
 * production bundle in workerd (bench/lib/runtime.ts), with real devices (P-256 keys, DPoP
 * proofs: scripts/lib/app-device.ts) in this Node process.
 *
 * 1. Approval → browser: the login page long-polls `GET /api/logins/{id}/mobile` as the login
 *    app does; a device scans the QR and approves with the right number. Measured from the
 *    moment the approval is sent to the moment the page's poll answers `authenticated`, one
 *    login at a time (the latency a citizen sees), and also from the approval's answer.
 * 2. Approvals per second: each virtual user runs whole QR logins (start the login, show the
 *    QR, scan, approve) with its own device, at several concurrencies; no page polls.
 *
 * Every login starts at the bench agency's /authorize (bench/lib/login-start.ts), and the page's
 * requests carry the one binding cookie of the browser this process plays: the worker takes a
 * login's steps only from the browser that started it.
 *
 * Options: --samples N (default 200), --duration S (default 10), --sweep 1,4,16,
 * --devices N (default 64). Results → bench/results/mobile-latest.json.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { Client as LibsqlClient } from "@libsql/client";
import { AppDevice, deviceCodeIn } from "../scripts/lib/app-device.ts";
import { freePort } from "../scripts/lib/free-port.ts";
import { createOutbox } from "../scripts/lib/outbox.ts";
import { generateSecrets } from "../scripts/lib/secrets.ts";
import { backgroundCores } from "./lib/cpu.ts";
import { fetchClient } from "./lib/http.ts";
import { browserCookie, registerLoginClient, startLogin } from "./lib/login-start.ts";
import { CONTRAST } from "./lib/options.ts";
import { machine, writeJsonResults } from "./lib/report.ts";
import { type RunningStack, startBenchStack } from "./lib/runtime.ts";
import {
  type BenchCitizen,
  openBenchAccounts,
  registerCitizens,
  snapshotBundle,
} from "./lib/setup.ts";
import { Samples, type Summary } from "./lib/stats.ts";

const { values } = parseArgs({
  options: {
    samples: { type: "string", default: "200" },
    duration: { type: "string", default: "10" },
    sweep: { type: "string", default: "1,4,16" },
    devices: { type: "string", default: "64" },
    bundle: { type: "string", default: "dist/index.js" },
  },
});
const SAMPLES = Number(values.samples);
const DURATION_MS = Number(values.duration) * 1000;
const SWEEP = String(values.sweep).split(",").map(Number);
const DEVICES = Math.max(Number(values.devices), ...SWEEP);

type Status = { status: string; version: number; number: number | null; frame: string | null };

const tmp = mkdtempSync(join(tmpdir(), "llave-bench-mobile-"));
const codes = new Map<string, (code: string) => void>();
let stack: RunningStack | undefined;
let accounts: LibsqlClient | undefined;
let exitCode = 0;

async function main() {
  const bundle = snapshotBundle(String(values.bundle), tmp);
  accounts = await openBenchAccounts(tmp);
  const citizens = await registerCitizens(accounts, DEVICES);
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const secrets = generateSecrets();
  const outbox = createOutbox({
    onMessage: (m) => {
      if (m.kind !== "device_code") return;
      const code = deviceCodeIn(m.text);
      if (code) codes.get(m.to)?.(code);
    },
  });
  stack = await startBenchStack({
    runtime: "workerd",
    bundle: bundle.path,
    port,
    dir: tmp,
    storage: "disk",
    accounts,
    outbox,
    // Benchmark devices approve many logins: fatigue limits are not what is measured here.
    vars: {
      ISSUER: issuer,
      DEV_MODE: "true",
      MOBILE_ACTIVATIONS_PER_IP_HOUR: "100000",
      ...secrets,
    },
  });
  // The login page's browser: its binding cookie goes with every request the page makes.
  const browser = { cookie: browserCookie() };
  const loginPage = fetchClient(port, browser);
  await registerLoginClient(loginPage, secrets.ADMIN_TOKEN);
  const http = (path: string, init: RequestInit & { headers?: Record<string, string> } = {}) =>
    fetch(`${issuer}${path}`, { ...init, headers: { ...browser, ...init.headers } });
  const json = async <T>(path: string, init?: Parameters<typeof http>[1]) => {
    const response = await http(path, init);
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const post = <T>(path: string, body: unknown = {}) =>
    json<T>(path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  console.log(`Activating ${DEVICES} devices…`);
  const devices: AppDevice[] = [];
  for (const citizen of citizens) devices.push(await activate(citizen));

  async function activate(citizen: BenchCitizen): Promise<AppDevice> {
    const device = await AppDevice.create({ fetch: (u, i) => fetch(u, i), issuer });
    const code = new Promise<string>((resolve) => codes.set(citizen.mobile, resolve));
    await device.activate(
      { document: citizen.document, contrast: { kind: "dni_validity", value: CONTRAST } },
      () => code,
      `bench ${citizen.index}`,
    );
    return device;
  }

  /** A login started at the agency's /authorize, with its QR shown: the page's first status. */
  async function qrLogin() {
    const loginId = await startLogin(loginPage);
    const status = await post<Status>(`/api/logins/${loginId}/mobile/qr`);
    return { loginId, status };
  }

  async function approve(device: AppDevice, status: Status) {
    const scanned = await device.json<{ approval: { id: string } }>("POST", "/api/app/qr", {
      payload: status.frame,
    });
    if (scanned.status !== 200) throw new Error(`scan: ${JSON.stringify(scanned.body)}`);
    const answered = await device.json<{ status: string }>(
      "POST",
      `/api/app/approvals/${scanned.body.approval.id}`,
      { decision: "approve", number: status.number },
    );
    if (answered.body.status !== "approved")
      throw new Error(`approve: ${JSON.stringify(answered.body)}`);
  }

  const background = await backgroundCores(1000);

  // 1. Approval → browser continues.
  console.log(`Approval → browser: ${SAMPLES} logins, one at a time…`);
  const fromSent = new Samples();
  const fromAnswered = new Samples();
  const device = devices[0] as AppDevice;
  for (let i = 0; i < SAMPLES + 10; i++) {
    const { loginId, status } = await qrLogin();
    const scanned = await device.json<{ approval: { id: string } }>("POST", "/api/app/qr", {
      payload: status.frame,
    });
    // The page, as the login app runs it: long polls, each from the last version seen.
    let version = (await json<Status>(`/api/logins/${loginId}/mobile`)).version;
    let continuedAt = 0;
    const page = (async () => {
      for (;;) {
        const s = await json<Status>(`/api/logins/${loginId}/mobile?after=${version}`);
        version = s.version;
        if (s.status === "authenticated") {
          continuedAt = performance.now();
          return;
        }
      }
    })();
    // Approve while the page's poll is waiting (as a citizen would, a moment later).
    await new Promise((r) => setTimeout(r, 50));
    const sentAt = performance.now();
    const answered = await device.call("POST", `/api/app/approvals/${scanned.body.approval.id}`, {
      decision: "approve",
      number: status.number,
    });
    const answeredAt = performance.now();
    if (answered.status !== 200) throw new Error(`approve: ${answered.status}`);
    await page;
    if (i >= 10) {
      fromSent.add(continuedAt - sentAt);
      fromAnswered.add(continuedAt - answeredAt);
    }
  }

  // 2. Approvals per second.
  const throughput: {
    concurrency: number;
    approvals: number;
    perSecond: number;
    latency: Summary;
  }[] = [];
  for (const vus of SWEEP) {
    const latency = new Samples();
    let done = 0;
    const until = performance.now() + DURATION_MS;
    const warmUntil = performance.now() + 1000;
    await Promise.all(
      Array.from({ length: vus }, async (_, v) => {
        const own = devices[v % devices.length] as AppDevice;
        while (performance.now() < until) {
          const start = performance.now();
          const { status } = await qrLogin();
          await approve(own, status);
          if (start >= warmUntil) {
            latency.add(performance.now() - start);
            done++;
          }
        }
      }),
    );
    const seconds = (DURATION_MS - 1000) / 1000;
    const row = {
      concurrency: vus,
      approvals: done,
      perSecond: Math.round((done / seconds) * 10) / 10,
      latency: latency.summary(),
    };
    throughput.push(row);
    console.log(
      `  ${vus} at a time: ${row.perSecond} QR logins approved/s (p50 ${row.latency.p50} ms, p99 ${row.latency.p99} ms per login)`,
    );
  }

  const result = {
    machine: machine(["workerd", "wrangler"]),
    backgroundCoresBeforeLoad: background,
    bundle: { path: bundle.source, gzipBytes: bundle.gzipBytes },
    approvalToBrowser: {
      fromApprovalSent: fromSent.summary(),
      fromApprovalAnswered: fromAnswered.summary(),
    },
    throughput,
  };
  const a = result.approvalToBrowser.fromApprovalSent;
  console.log(
    `\nApproval sent → page continues: p50 ${a.p50} ms, p90 ${a.p90} ms, p99 ${a.p99} ms, max ${a.max} ms (${a.count} logins)`,
  );
  const b = result.approvalToBrowser.fromApprovalAnswered;
  console.log(`Approval answered → page continues: p50 ${b.p50} ms, p99 ${b.p99} ms`);
  console.log(`results → ${writeJsonResults("bench/results/mobile-latest.json", result)}`);
}

try {
  await main();
} catch (error) {
  exitCode = 1;
  console.error(
    `\nBenchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : error}`,
  );
} finally {
  await stack?.stop();
  accounts?.close();
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(exitCode);
