/**
 * The citizen app's inbox list (citizen-app/src/inbox-items.ts `liveItems`): an expired item or
 * a PIN older than the newest one is dead and never shown, even when the server's removal was
 * lost with a dropped socket.
 */
import { describe, expect, it } from "vitest";
import type { InboxItem } from "../../citizen-app/src/api.ts";
import { liveItems } from "../../citizen-app/src/inbox-items.ts";

const NOW = Date.UTC(2026, 11, 7, 9, 0, 0);
const pin = (id: string, createdAt: number): InboxItem => ({
  id,
  kind: "pin",
  createdAt,
  expiresAt: createdAt + 600_000,
  pin: "123456",
  agency: null,
});

describe("citizen app inbox", () => {
  it("shows the newest PIN only, and nothing expired", () => {
    const items = [pin("old", NOW - 120_000), pin("new", NOW - 60_000), pin("gone", NOW - 700_000)];
    expect(liveItems(items, NOW).map((i) => i.id)).toEqual(["new"]);
  });
});
