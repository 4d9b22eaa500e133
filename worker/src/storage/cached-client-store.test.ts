import { describe, expect, it } from "vitest";
import { sampleClient } from "../../../test/contracts/client-store.contract.ts";
import { cachedClientStore } from "./cached-client-store.ts";
import type { Client, ClientStore } from "./client-store.ts";

/** The wrapper's contract is about how often it reads through, so the inner store counts reads. */
function countingStore() {
  const rows = new Map<string, Client>();
  let reads = 0;
  const store = {
    find: async (id: string) => {
      reads++;
      return rows.get(id) ?? null;
    },
    update: async (id: string) => {
      const row = rows.get(id) as Client;
      rows.set(id, { ...row, status: "disabled" });
      return rows.get(id) as Client;
    },
  } as unknown as ClientStore;
  const put = (id: string) =>
    rows.set(id, { ...sampleClient(), id, status: "active" } as unknown as Client);
  return { store, put, reads: () => reads };
}

describe("cachedClientStore", () => {
  it("reads a client once per TTL, and again after a write through it", async () => {
    let now = 0;
    const inner = countingStore();
    inner.put("a");
    const cached = cachedClientStore(inner.store, { now: () => now }, 30_000);
    await cached.find("a");
    await cached.find("a");
    expect(inner.reads()).toBe(1);
    now += 30_000;
    await cached.find("a");
    expect(inner.reads()).toBe(2);
    await cached.update("a", { status: "disabled" }, { actor: "operator" });
    expect((await cached.find("a"))?.status).toBe("disabled");
    expect(inner.reads()).toBe(3);
  });

  it("is the inner store itself when the TTL is 0", () => {
    const inner = countingStore();
    expect(cachedClientStore(inner.store, { now: () => 0 }, 0)).toBe(inner.store);
  });
});
