/**
 * A gate that bounds how many password hashes run at once in an isolate. Each Argon2id hash
 * holds its whole memory cost (19 MiB with the OWASP parameters) until it finishes, and an
 * isolate has 128 MB: without a bound, a burst of logins would take the isolate down for every
 * request it serves. Beyond the running ones a short queue waits, oldest first; past that, or
 * after waiting `maxWaitMs`, the gate refuses, so callers answer 429 with Retry-After instead
 * of piling up memory and latency.
 *
 * Two facts of Workers shape it:
 *  - A request may not resume another request's promise: workerd cancels such a request as
 *    hung. So a finished hash never hands its slot over; each waiter wakes on its own timer,
 *    in its own request, and takes a free slot itself.
 *  - A request can be cancelled mid-wait or mid-hash (the client went away, a limit was hit),
 *    and then its `finally` never runs. So every slot and place in the queue carries the time
 *    it was taken, and one held longer than any live call could hold it is taken back: a
 *    cancelled request cannot shrink the gate for good.
 */

/** Thrown by `run` when every slot and queue place is taken: answer `429 password_busy`. */
export class HashBusyError extends Error {
  override readonly name = "HashBusyError";

  constructor() {
    super("too many password hashes in progress");
  }
}

export type HashGateOptions = {
  /** Hashes that may run at once. */
  concurrency: number;
  /** Calls that may wait for a slot; 0 refuses as soon as all slots are busy. */
  queue: number;
  /** How long a call waits for a slot before it is refused. Default 2 s. */
  maxWaitMs?: number;
  /** How often a waiting call looks for a free slot. Default 5 ms. */
  pollMs?: number;
  /** A slot held this long belongs to a cancelled call and is taken back. Default 30 s. */
  slotTtlMs?: number;
  /** The clock (milliseconds); on Workers it advances between I/O, which is all this needs. */
  now?: () => number;
};

export type HashGate = {
  /** Runs `fn` in a slot, after the calls queued before it; rejects with HashBusyError if full. */
  run<T>(fn: () => Promise<T>): Promise<T>;
  /** Calls running now. */
  active(): number;
  /** Calls waiting for a slot. */
  waiting(): number;
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A gate with `concurrency` slots and `queue` waiting places.
 *
 * @example
 * const gate = createHashGate({ concurrency: 2, queue: 8 });
 * const stored = await gate.run(() => hashPassword(password, pepper, OWASP_ARGON2, cryptoRandom));
 */
export function createHashGate(options: HashGateOptions): HashGate {
  const { concurrency, queue } = options;
  const maxWaitMs = options.maxWaitMs ?? 2_000;
  const pollMs = options.pollMs ?? 5;
  const slotTtlMs = options.slotTtlMs ?? 30_000;
  const now = options.now ?? Date.now;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError("concurrency must be an integer of at least 1");
  }
  if (!Number.isInteger(queue) || queue < 0) {
    throw new RangeError("queue must be a non-negative integer");
  }

  let tickets = 0;
  /** Running calls: ticket → when the slot was taken. */
  const slots = new Map<number, number>();
  /** Waiting calls, oldest first (a Map keeps insertion order): ticket → when it queued. */
  const waiters = new Map<number, number>();

  /** Forgets slots and places whose calls can no longer be alive. */
  const prune = () => {
    const at = now();
    for (const [ticket, since] of slots) if (at - since >= slotTtlMs) slots.delete(ticket);
    for (const [ticket, since] of waiters)
      if (at - since > maxWaitMs + pollMs) waiters.delete(ticket);
  };

  const start = <T>(ticket: number, fn: () => Promise<T>): Promise<T> => {
    slots.set(ticket, now());
    let result: Promise<T>;
    try {
      result = fn();
    } catch (error) {
      result = Promise.reject(error);
    }
    return result.finally(() => slots.delete(ticket));
  };

  /** Waits, on this call's own timer, until it is the oldest waiter and a slot is free. */
  async function wait(ticket: number): Promise<void> {
    const since = now();
    try {
      for (;;) {
        await sleep(pollMs);
        prune();
        const oldest = waiters.keys().next().value;
        if (oldest === ticket && slots.size < concurrency) return;
        if (now() - since >= maxWaitMs) throw new HashBusyError();
      }
    } finally {
      waiters.delete(ticket);
    }
  }

  return {
    async run(fn) {
      prune();
      const ticket = ++tickets;
      if (slots.size < concurrency && waiters.size === 0) return start(ticket, fn);
      if (waiters.size >= queue) throw new HashBusyError();
      waiters.set(ticket, now());
      await wait(ticket);
      return start(ticket, fn);
    },
    active: () => slots.size,
    waiting: () => waiters.size,
  };
}
