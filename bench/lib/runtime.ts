/**
 * The system under test, under either runtime:
 *
 * - `workerd` (default): the bundle in workerd directly (bench/lib/workerd.ts), with LIBSQL_BRIDGE
 *   and DEV_OUTBOX as `external` services served from this process by the same handlers the
 *   local stack uses (scripts/lib/libsql-bridge.ts, scripts/lib/outbox.ts) over `node:http`;
 * - `miniflare`: the local stack itself (scripts/lib/stack.ts, as `npm run dev`), for comparison.
 *
 * Both read the compatibility date and flags, the vars and the Durable Object classes from
 * wrangler.toml, and both listen on 127.0.0.1 only.
 */
import { join, resolve } from "node:path";
import type { Client as LibsqlClient } from "@libsql/client";
import { unstable_getMiniflareWorkerOptions } from "wrangler";
import { ROOT } from "../../scripts/lib/accounts.ts";
import { libsqlBridge } from "../../scripts/lib/libsql-bridge.ts";
import type { Outbox } from "../../scripts/lib/outbox.ts";
import { startStack } from "../../scripts/lib/stack.ts";
import { serveWebHandler, type WebServer } from "../../scripts/lib/web-server.ts";
import { descendants } from "./cpu.ts";
import type { Runtime, Storage } from "./options.ts";
import { startWorkerd } from "./workerd.ts";

export type StackOptions = {
  runtime: Runtime;
  /** The bundle copy to run. */
  bundle: string;
  port: number;
  /** Folder for Durable Object storage and runtime files (on tmpfs or disk). */
  dir: string;
  storage: Storage;
  accounts: LibsqlClient;
  outbox: Outbox;
  /** Vars on top of wrangler.toml's [vars]. */
  vars: Record<string, string>;
  /** workerd runtime only: a loopback port for workerd's V8 inspector. */
  inspectorPort?: number;
};

export type RunningStack = {
  runtime: Runtime;
  port: number;
  /** The workerd process whose CPU is measured. */
  workerdPid: number | undefined;
  workerdVersion: string | null;
  stop(): Promise<void>;
};

export async function startBenchStack(options: StackOptions): Promise<RunningStack> {
  if (options.runtime === "miniflare") {
    const mf = await startStack({
      bundle: options.bundle,
      port: options.port,
      host: "127.0.0.1",
      accounts: options.accounts,
      outbox: options.outbox,
      vars: options.vars,
      persistTo: join(options.dir, "miniflare"),
    });
    return {
      runtime: "miniflare",
      port: options.port,
      workerdPid: descendants().find((p) => p.comm.includes("workerd"))?.pid,
      workerdVersion: null,
      stop: () => mf.dispose(),
    };
  }

  const { workerOptions } = unstable_getMiniflareWorkerOptions(resolve(ROOT, "wrangler.toml"));
  const compatibilityDate = workerOptions.compatibilityDate;
  if (typeof compatibilityDate !== "string")
    throw new Error("wrangler.toml has no compatibility_date");
  const durableObjects: Record<string, { className: string; sql: boolean }> = {};
  for (const [name, ns] of Object.entries(workerOptions.durableObjects ?? {})) {
    const d = typeof ns === "string" ? { className: ns } : ns;
    if ("scriptName" in d && d.scriptName) {
      throw new Error(`${name}: Durable Objects of another worker are not supported`);
    }
    durableObjects[name] = {
      className: d.className,
      sql: "useSQLite" in d ? Boolean(d.useSQLite) : false,
    };
  }
  const servers: WebServer[] = [];
  const stopServers = () => Promise.all(servers.map((s) => s.close()));
  try {
    servers.push(await serveWebHandler("LIBSQL_BRIDGE", libsqlBridge(options.accounts)));
    servers.push(await serveWebHandler("DEV_OUTBOX", options.outbox.handler));
    const [bridge, outbox] = servers as [WebServer, WebServer];
    const workerd = await startWorkerd({
      dir: join(options.dir, "workerd"),
      port: options.port,
      worker: {
        name: "llave",
        bundle: options.bundle,
        compatibilityDate,
        compatibilityFlags: (workerOptions.compatibilityFlags ?? []) as string[],
        vars: { ...(workerOptions.bindings as Record<string, unknown>), ...options.vars },
        durableObjects,
        services: { LIBSQL_BRIDGE: bridge.address, DEV_OUTBOX: outbox.address },
        storage: { disk: join(options.dir, "do") },
      },
      ...(options.inspectorPort === undefined ? {} : { inspectorPort: options.inspectorPort }),
      onLog: (line) => console.error(`workerd: ${line}`),
    });
    return {
      runtime: "workerd",
      port: options.port,
      workerdPid: workerd.pid,
      workerdVersion: workerd.version,
      stop: async () => {
        await workerd.stop();
        await stopServers();
      },
    };
  } catch (error) {
    await stopServers();
    throw error;
  }
}
