/**
 * A gate that bounds how many password hashes run at once in an isolate. Each Argon2id hash
 * holds its whole memory cost (19 MiB with the OWASP parameters) until it finishes, and an
 * isolate has 128 MB: without a bound, a burst of logins would take the isolate down for every
 * request it serves. Beyond the running ones a short FIFO queue waits; past that the gate
 * refuses at once, so callers answer 429 with Retry-After instead of piling up memory and
 * latency.
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
};

export type HashGate = {
  /** Runs `fn` in a slot, after the calls queued before it; rejects with HashBusyError if full. */
  run<T>(fn: () => Promise<T>): Promise<T>;
  /** Calls running now. */
  active(): number;
  /** Calls waiting for a slot. */
  waiting(): number;
};

/**
 * A gate with `concurrency` slots and `queue` waiting places.
 *
 * @example
 * const gate = createHashGate({ concurrency: 2, queue: 8 });
 * const stored = await gate.run(() => hashPassword(password, pepper, OWASP_ARGON2, cryptoRandom));
 */
export function createHashGate(options: HashGateOptions): HashGate {
  const { concurrency, queue } = options;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError("concurrency must be an integer of at least 1");
  }
  if (!Number.isInteger(queue) || queue < 0) {
    throw new RangeError("queue must be a non-negative integer");
  }

  let running = 0;
  const waiting: Array<() => void> = [];

  // A finished call hands its slot straight to the oldest waiter, so `running` never dips and a
  // newcomer cannot overtake the queue.
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };

  const start = <T>(fn: () => Promise<T>): Promise<T> => {
    let result: Promise<T>;
    try {
      result = fn();
    } catch (error) {
      result = Promise.reject(error);
    }
    return result.finally(release);
  };

  return {
    run(fn) {
      if (running < concurrency) {
        running++;
        return start(fn);
      }
      if (waiting.length >= queue) return Promise.reject(new HashBusyError());
      return new Promise((resolve, reject) => {
        waiting.push(() => start(fn).then(resolve, reject));
      });
    },
    active: () => running,
    waiting: () => waiting.length,
  };
}
