/**
 * What the worker asks of this Node process, seen from the bench: the PINs that reach the dev
 * outbox (handed to the virtual user waiting for them) and a meter on the SQL and outbox calls
 * the worker makes over its service bindings.
 */
import type { Client as LibsqlClient } from "@libsql/client";
import type { Outbox } from "../../scripts/lib/outbox.ts";
import { PIN_WAIT_MS } from "./options.ts";

/** PINs as the outbox receives them, handed to whoever waits for that mobile number. */
export class PinInbox {
  readonly #waiting = new Map<string, (pin: string) => void>();

  onMessage = (entry: { to: string; text: string }): void => {
    const resolvePin = this.#waiting.get(entry.to);
    if (!resolvePin) return;
    this.#waiting.delete(entry.to);
    resolvePin(/PIN es (\d+)/.exec(entry.text)?.[1] ?? "");
  };

  /** Call before asking for the PIN: the message may arrive before the answer does. */
  expect(mobile: string): Promise<string> {
    return new Promise((resolvePin, reject) => {
      const timer = setTimeout(() => {
        this.#waiting.delete(mobile);
        reject(new Error(`no PIN reached the outbox for ${mobile} within ${PIN_WAIT_MS} ms`));
      }, PIN_WAIT_MS);
      this.#waiting.set(mobile, (pin) => {
        clearTimeout(timer);
        resolvePin(pin);
      });
    });
  }
}

/** Counts and times what the worker asks of this process: SQL over the bridge, outbox calls. */
export class NodeSideMeter {
  sqlCalls = 0;
  sqlMs = 0;
  outboxCalls = 0;
  /** performance.now() of the last call of either kind (background work settles after it). */
  lastAt = 0;

  reset(): void {
    this.sqlCalls = this.sqlMs = this.outboxCalls = 0;
  }

  client(inner: LibsqlClient): LibsqlClient {
    return new Proxy(inner, {
      get: (target, prop) => {
        if (prop === "execute" || prop === "batch") {
          const method = target[prop].bind(target) as (...a: unknown[]) => Promise<unknown>;
          return async (...a: unknown[]) => {
            const t = performance.now();
            try {
              return await method(...a);
            } finally {
              this.sqlCalls++;
              this.lastAt = performance.now();
              this.sqlMs += this.lastAt - t;
            }
          };
        }
        const v: unknown = Reflect.get(target, prop, target);
        return typeof v === "function" ? v.bind(target) : v;
      },
    });
  }

  outbox(inner: Outbox): Outbox {
    return {
      entries: inner.entries,
      handler: (request) => {
        this.outboxCalls++;
        this.lastAt = performance.now();
        return inner.handler(request);
      },
    };
  }

  /**
   * Waits until the worker has asked nothing of this process for `quietMs` (background work
   * of earlier requests — delivery, audit — has settled), for at most `maxMs`.
   */
  async settle(quietMs = 500, maxMs = 5_000): Promise<void> {
    const until = performance.now() + maxMs;
    while (performance.now() < until && performance.now() - this.lastAt < quietMs) {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
