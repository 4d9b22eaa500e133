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
    list: async () => [],
  };
  return { log, inserts };
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

  it("fails every append of a batch whose insert failed", async () => {
    const { log } = recordingLog(true);
    const audit = bufferedAuditLog(log, { maxEvents: 100, maxDelayMs: 1 });
    const results = await Promise.allSettled([audit.append(event(1)), audit.append(event(2))]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
  });
});
