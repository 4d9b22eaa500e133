/**
 * The local stack as a library: the production bundle (built by wrangler exactly as for
 * deploy) running in workerd through Miniflare — not `wrangler dev` — with the Durable Object
 * bindings read from wrangler.toml, and the two service bindings that only exist off the edge:
 * LIBSQL_BRIDGE (the embedded accounts database) and DEV_OUTBOX. `npm run dev` and the
 * benchmark both start it from here, so they run the same thing.
 */
import { execFileSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { stripVTControlCharacters } from "node:util";
import type { Client } from "@libsql/client";
import { convertV4MiniflareOptions, Log, LogLevel, Miniflare } from "miniflare";
import { unstable_getMiniflareWorkerOptions } from "wrangler";
import { ROOT } from "./accounts.ts";
import { libsqlBridge } from "./libsql-bridge.ts";
import type { Outbox } from "./outbox.ts";

/**
 * Builds the production bundle into `outdir` with `wrangler deploy --dry-run`. The browser
 * assets it serves (web-widget/dist) must be built first: `buildWidget()`.
 */
export function buildBundle(outdir: string): string {
  execFileSync(
    process.execPath,
    [
      resolve(ROOT, "node_modules/wrangler/bin/wrangler.js"),
      "deploy",
      "--dry-run",
      "--outdir",
      outdir,
    ],
    { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] },
  );
  return resolve(outdir, "index.js");
}

export type StackOptions = {
  bundle: string;
  port: number;
  host?: string;
  accounts: Client;
  /** The dev outbox; without it the worker delivers through the configured gateways. */
  outbox?: Outbox;
  /** Vars on top of wrangler.toml's [vars]. */
  vars: Record<string, string>;
  /** Folder for Durable Object storage; in memory when absent. */
  persistTo?: string;
  /**
   * One line a request — `GET /authorize 302 Found (12ms)`: method, path, status, time —
   * for the local stack only. Miniflare's entry worker writes it, outside the worker, so the
   * production bundle never logs requests; it logs the path alone, so the query strings of
   * /authorize or a callback (codes, state) never reach the log.
   */
  accessLog?: (line: string) => void;
};

/** Miniflare's log with only its request lines kept, and its warnings and errors shown. */
class AccessLog extends Log {
  readonly #sink: (line: string) => void;

  constructor(sink: (line: string) => void) {
    super(LogLevel.INFO);
    this.#sink = sink;
  }

  override logWithLevel(level: LogLevel, message: string): void {
    if (level !== LogLevel.INFO) {
      super.logWithLevel(level, message);
      return;
    }
    const line = stripVTControlCharacters(message).trim();
    // "Ready on …" and other notices: `npm run dev` prints its own addresses.
    if (/^[A-Z]+ \/\S* \d{3}\b/.test(line)) this.#sink(line);
  }
}

export async function startStack(options: StackOptions): Promise<Miniflare> {
  const { workerOptions } = unstable_getMiniflareWorkerOptions(resolve(ROOT, "wrangler.toml"));
  // Written in Miniflare's v4 option shape, which the v5 beta that vitest-plugin pins converts.
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      host: options.host ?? "127.0.0.1",
      // No made-up edge facts: Miniflare's placeholder `cf` says every request comes from
      // Austin, which the citizen app would show as where a login started.
      cf: {},
      port: options.port,
      ...(options.accessLog ? { log: new AccessLog(options.accessLog), logRequests: true } : {}),
      ...(options.persistTo ? { resourcePersistencePath: options.persistTo } : {}),
      name: "llave",
      compatibilityDate: workerOptions.compatibilityDate,
      compatibilityFlags: workerOptions.compatibilityFlags,
      modules: [{ type: "ESModule", path: options.bundle }],
      modulesRoot: dirname(options.bundle),
      durableObjects: workerOptions.durableObjects,
      bindings: { ...(workerOptions.bindings as Record<string, unknown>), ...options.vars },
      serviceBindings: {
        LIBSQL_BRIDGE: libsqlBridge(options.accounts),
        ...(options.outbox ? { DEV_OUTBOX: options.outbox.handler } : {}),
      },
    } as Parameters<typeof convertV4MiniflareOptions>[0]),
  );
  await mf.ready;
  return mf;
}
