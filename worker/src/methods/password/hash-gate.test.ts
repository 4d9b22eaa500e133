import { describe, expect, it } from "vitest";
import { createHashGate, HashBusyError } from "./hash-gate.ts";

/** A task the test finishes by hand, recording whether it has started. */
function task<T = string>() {
  let resolve: (value: T) => void = () => {};
  let reject: (error: unknown) => void = () => {};
  const done = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const state = { started: false };
  const fn = () => {
    state.started = true;
    return done;
  };
  return { fn, resolve, reject, state };
}

/** Lets every pending promise callback run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Waits (on real timers) until `condition` holds; waiters poll every `pollMs`. */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 2));
  expect(condition()).toBe(true);
}

describe("hash gate", () => {
  it("never runs more than `concurrency` at once, and runs everything it accepted", async () => {
    const gate = createHashGate({ concurrency: 2, queue: 10, pollMs: 1 });
    let running = 0;
    let most = 0;
    const runs = Array.from({ length: 12 }, (_, i) =>
      gate.run(async () => {
        running++;
        most = Math.max(most, running);
        await settle();
        running--;
        return i;
      }),
    );
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(most).toBe(2);
    expect(gate.active()).toBe(0);
    expect(gate.waiting()).toBe(0);
  });

  it("refuses the call after `concurrency` running and `queue` waiting, at once", async () => {
    const gate = createHashGate({ concurrency: 2, queue: 1 });
    const held = [task(), task(), task()];
    const accepted = held.map((t) => gate.run(t.fn));
    expect(gate.active()).toBe(2);
    expect(gate.waiting()).toBe(1);

    const refused = task();
    await expect(gate.run(refused.fn)).rejects.toBeInstanceOf(HashBusyError);
    expect(refused.state.started).toBe(false);

    for (const t of held) t.resolve("done");
    expect(await Promise.all(accepted)).toEqual(["done", "done", "done"]);
  });

  it("with no queue, refuses as soon as every slot is busy", async () => {
    const gate = createHashGate({ concurrency: 1, queue: 0 });
    const first = task();
    const running = gate.run(first.fn);
    await expect(gate.run(async () => "second")).rejects.toBeInstanceOf(HashBusyError);
    first.resolve("first");
    expect(await running).toBe("first");
    expect(await gate.run(async () => "third")).toBe("third");
  });

  it("starts queued calls only when a slot frees, oldest first", async () => {
    const gate = createHashGate({ concurrency: 1, queue: 3, pollMs: 1 });
    const tasks = [task(), task(), task(), task()];
    const order: number[] = [];
    const runs = tasks.map((t, i) =>
      gate.run(async () => {
        order.push(i);
        return t.fn();
      }),
    );
    await settle();
    expect(order).toEqual([0]);
    expect(gate.waiting()).toBe(3);

    tasks[0]?.resolve("0");
    await until(() => order.length === 2);
    expect(order).toEqual([0, 1]);
    expect(gate.active()).toBe(1);
    expect(gate.waiting()).toBe(2);

    tasks[1]?.resolve("1");
    tasks[2]?.resolve("2");
    tasks[3]?.resolve("3");
    expect(await Promise.all(runs)).toEqual(["0", "1", "2", "3"]);
    expect(order).toEqual([0, 1, 2, 3]);
  });

  it("frees the slot of a call that fails, and passes its error on", async () => {
    const gate = createHashGate({ concurrency: 1, queue: 1, pollMs: 1 });
    const failing = task();
    const failed = gate.run(failing.fn);
    const next = gate.run(async () => "next");
    failing.reject(new Error("argon2 failed"));
    await expect(failed).rejects.toThrow("argon2 failed");
    expect(await next).toBe("next");
    expect(gate.active()).toBe(0);
  });

  it("frees the slot of a call that throws before returning a promise", async () => {
    const gate = createHashGate({ concurrency: 1, queue: 0 });
    await expect(
      gate.run(() => {
        throw new Error("synchronous");
      }),
    ).rejects.toThrow("synchronous");
    expect(gate.active()).toBe(0);
    expect(await gate.run(async () => "after")).toBe("after");
  });

  it("refuses a waiter that found no slot within its wait", async () => {
    const gate = createHashGate({ concurrency: 1, queue: 1, pollMs: 1, maxWaitMs: 20 });
    const held = task();
    const running = gate.run(held.fn);
    const late = task();
    await expect(gate.run(late.fn)).rejects.toBeInstanceOf(HashBusyError);
    expect(late.state.started).toBe(false);
    expect(gate.waiting()).toBe(0);
    held.resolve("held");
    expect(await running).toBe("held");
  });

  it("takes back the slot of a call cancelled mid-hash (its finally never runs)", async () => {
    let clock = 0;
    const gate = createHashGate({
      concurrency: 1,
      queue: 0,
      pollMs: 1,
      slotTtlMs: 1_000,
      now: () => clock,
    });
    // A hash whose request was cancelled: its promise never settles, its slot is never freed.
    void gate.run(() => new Promise<never>(() => {}));
    await expect(gate.run(async () => "refused")).rejects.toBeInstanceOf(HashBusyError);
    clock += 1_000;
    expect(await gate.run(async () => "after")).toBe("after");
    expect(gate.active()).toBe(0);
  });

  it("refuses nonsensical bounds", () => {
    expect(() => createHashGate({ concurrency: 0, queue: 1 })).toThrow(RangeError);
    expect(() => createHashGate({ concurrency: 1.5, queue: 1 })).toThrow(RangeError);
    expect(() => createHashGate({ concurrency: 1, queue: -1 })).toThrow(RangeError);
  });
});
