import { describe, expect, it } from "vitest";
import type { AuditEvent, AuditLog } from "./audit-log.ts";
import { bufferedAuditLog } from "./buffered-audit-log.ts";

const event = (n: number): AuditEvent => ({
  event: "pin.requested",
  actor: "anonymous",
  at: n,
  citizenId: null,
});

/** What the wrapper promises is about grouping, so the inner log records the inserts it gets. */
function recordingLog(fail = false) {
  const inserts: AuditEvent[][] = [];
  const log: AuditLog = {
    append: async (...events) => {
      if (fail) throw new Error("database down");
      inserts.push(events);
    },
    appendLater: (keepAlive, ...events) => keepAlive(log.append(...events)),
    list: async () => [],
  };
  return { log, inserts };
}

/** A request's `waitUntil`, for appendLater: what it was asked to keep alive. */
function request() {
  const kept: Promise<void>[] = [];
  return { kept, keepAlive: (write: Promise<void>) => kept.push(write) };
}

describe("bufferedAuditLog", () => {
  it("writes appends made close together in one insert, and resolves each once written", async () => {
    const { log, inserts } = recordingLog();
    const audit = bufferedAuditLog(log, { maxEvents: 100, maxDelayMs: 5 });
    const appended = [audit.append(event(1)), audit.append(event(2), event(3))];
    expect(inserts).toEqual([]);
    await Promise.all(appended);
    expect(inserts).toEqual([[event(1), event(2), event(3)]]);
  });

  it("writes a full batch at once and starts another", async () => {
    const { log, inserts } = recordingLog();
    const audit = bufferedAuditLog(log, { maxEvents: 2, maxDelayMs: 60_000 });
    const first = audit.append(event(1), event(2));
    await first;
    expect(inserts).toEqual([[event(1), event(2)]]);
    const second = audit.append(event(3));
    const full = audit.append(event(4));
    await Promise.all([second, full]);
    expect(inserts).toEqual([
      [event(1), event(2)],
      [event(3), event(4)],
    ]);
  });

  it("appendLater keeps alive only the request that opens a batch, with every event in its write", async () => {
    const { log, inserts } = recordingLog();
    const audit = bufferedAuditLog(log, { maxEvents: 100, maxDelayMs: 5 });
    const [opener, second, third] = [request(), request(), request()];
    audit.appendLater(opener.keepAlive, event(1));
    audit.appendLater(second.keepAlive, event(2));
    audit.appendLater(third.keepAlive, event(3), event(4));
    expect([opener.kept.length, second.kept.length, third.kept.length]).toEqual([1, 0, 0]);
    await opener.kept[0];
    expect(inserts).toEqual([[event(1), event(2), event(3), event(4)]]);
  });

  it("appendLater keeps alive the request whose events fill the batch, which writes it", async () => {
    const { log, inserts } = recordingLog();
    const audit = bufferedAuditLog(log, { maxEvents: 3, maxDelayMs: 60_000 });
    const [opener, middle, filler] = [request(), request(), request()];
    audit.appendLater(opener.keepAlive, event(1));
    audit.appendLater(middle.keepAlive, event(2));
    audit.appendLater(filler.keepAlive, event(3));
    expect([opener.kept.length, middle.kept.length, filler.kept.length]).toEqual([1, 0, 1]);
    await filler.kept[0];
    expect(inserts).toEqual([[event(1), event(2), event(3)]]);
    // The next event opens a new batch, kept alive by its own request.
    const next = request();
    audit.appendLater(next.keepAlive, event(4));
    expect(next.kept.length).toBe(1);
  });

  it("groups append and appendLater in one batch; a failed insert fails the awaited append", async () => {
    const { log } = recordingLog(true);
    const audit = bufferedAuditLog(log, { maxEvents: 100, maxDelayMs: 1 });
    const awaited = audit.append(event(1));
    const later = request();
    audit.appendLater(later.keepAlive, event(2));
    expect(later.kept).toEqual([]);
    await expect(awaited).rejects.toThrow("database down");
  });

  it("fails every append of a batch whose insert failed", async () => {
    const { log } = recordingLog(true);
    const audit = bufferedAuditLog(log, { maxEvents: 100, maxDelayMs: 1 });
    const results = await Promise.allSettled([audit.append(event(1)), audit.append(event(2))]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
  });
});
