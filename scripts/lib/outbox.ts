/**
 * The Node end of the DEV_OUTBOX service binding: keeps every message the worker "sent", newest
 * last, optionally appended to a JSON-lines file so the outbox survives a restart of the local
 * stack. `onMessage` lets the benchmark and tests read PINs as they are sent.
 */
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { Response } from "miniflare";
import type { Message } from "../../worker/src/delivery/delivery.ts";
import type { OutboxEntry } from "../../worker/src/delivery/outbox.ts";

export type Outbox = {
  handler: (request: Request) => Promise<Response>;
  entries: OutboxEntry[];
};

const KEEP = 5000;

export function createOutbox(
  options: { file?: string; onMessage?: (entry: OutboxEntry) => void } = {},
): Outbox {
  const entries: OutboxEntry[] =
    options.file && existsSync(options.file)
      ? readFileSync(options.file, "utf8")
          .split("\n")
          .filter(Boolean)
          .map((line) => JSON.parse(line) as OutboxEntry)
          .slice(-KEEP)
      : [];
  let nextId = (entries.at(-1)?.id ?? 0) + 1;

  async function handler(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (request.method === "POST" && url.pathname === "/messages") {
      const entry: OutboxEntry = {
        ...((await request.json()) as Message),
        id: nextId++,
        at: Date.now(),
      };
      entries.push(entry);
      if (entries.length > KEEP) entries.splice(0, entries.length - KEEP);
      if (options.file) appendFileSync(options.file, `${JSON.stringify(entry)}\n`);
      options.onMessage?.(entry);
      return new Response(null, { status: 204 });
    }
    if (request.method === "GET" && url.pathname === "/messages") {
      const to = url.searchParams.get("to");
      const limit = Number(url.searchParams.get("limit") ?? 100) || 100;
      const selected = entries
        .filter((e) => !to || e.to === to)
        .slice(-limit)
        .reverse();
      return new Response(JSON.stringify(selected), {
        headers: { "content-type": "application/json" },
      });
    }
    return new Response("not found", { status: 404 });
  }
  return { handler, entries };
}
