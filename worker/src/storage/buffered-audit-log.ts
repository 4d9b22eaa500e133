/**
 * An AuditLog that writes the events of many requests in one insert. Appending an event costs
 * a database round trip, and on the token endpoint that round trip was a third of the worker's
 * CPU per request; grouped, it is paid once per batch.
 *
 * Nothing is lost by grouping. A batch is written after `maxDelayMs` by a timer of the request
 * that opened it, or at once by the append that fills it (`maxEvents`); either way that
 * request's context does the write, so that request — and only it — must stay alive until the
 * batch is stored:
 * - `append` resolves only when the batch holding its events is written; its caller awaits it,
 *   directly or through `waitUntil`, so an opener or filler stays alive as it must;
 * - `appendLater` hands the batch's write to `keepAlive` (the request's `waitUntil`) when its
 *   caller opened or filled the batch, and not otherwise: the events of the others are stored
 *   by that same write. Every `waitUntil` on another request's pending batch kept a request
 *   open and crossed request contexts, for nothing the opener's did not already ensure, and
 *   cost the token endpoint a tenth of its CPU.
 * A failed insert fails every `append` of its batch, and the requests kept alive for it log it.
 */
import type { AuditEvent, AuditLog } from "./audit-log.ts";

type Batch = { events: AuditEvent[]; written: Promise<void>; settle: (error?: unknown) => void };

export function bufferedAuditLog(
  inner: AuditLog,
  options: { maxEvents: number; maxDelayMs: number },
): AuditLog {
  let open: Batch | null = null;

  function write(batch: Batch): void {
    if (open === batch) open = null;
    inner.append(...batch.events).then(
      () => batch.settle(),
      (error: unknown) => batch.settle(error ?? new Error("audit insert failed")),
    );
  }

  function newBatch(): Batch {
    let settle: Batch["settle"] = () => {};
    const written = new Promise<void>((resolve, reject) => {
      settle = (error) => (error === undefined ? resolve() : reject(error));
    });
    // Only waiters get the failure; a batch nobody awaits must not be an unhandled rejection.
    written.catch(() => {});
    const batch: Batch = { events: [], written, settle };
    setTimeout(() => {
      if (open === batch) write(batch);
    }, options.maxDelayMs);
    return batch;
  }

  /** Adds the events to the open batch; says whether this call opened it or wrote it. */
  function add(events: AuditEvent[]): { batch: Batch; mustKeepAlive: boolean } {
    const opened = open === null;
    open ??= newBatch();
    const batch = open;
    batch.events.push(...events);
    const full = batch.events.length >= options.maxEvents;
    if (full) write(batch);
    return { batch, mustKeepAlive: opened || full };
  }

  return {
    append(...events) {
      if (events.length === 0) return Promise.resolve();
      return add(events).batch.written;
    },
    appendLater(keepAlive, ...events) {
      if (events.length === 0) return;
      const { batch, mustKeepAlive } = add(events);
      if (mustKeepAlive) keepAlive(batch.written);
    },
    list: (filter) => inner.list(filter),
  };
}
