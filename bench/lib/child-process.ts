/**
 * The servers a benchmark starts (workerd, the oidc-provider process) are child processes that
 * must never outlive the bench: each is killed when this process exits, whatever the reason,
 * and Ctrl-C or SIGTERM become an exit. Also their output, line by line, and its last lines to
 * explain a failed start.
 */
import type { ChildProcess } from "node:child_process";
import type { Readable } from "node:stream";

/** Calls `fn` with each complete line of `stream`. */
export function onLines(stream: Readable | null, fn: (line: string) => void): void {
  let pending = "";
  stream?.setEncoding("utf8");
  stream?.on("data", (chunk: string) => {
    pending += chunk;
    let nl = pending.indexOf("\n");
    while (nl !== -1) {
      fn(pending.slice(0, nl));
      pending = pending.slice(nl + 1);
      nl = pending.indexOf("\n");
    }
  });
}

/** The last lines a child wrote, to append to the error when it fails to start. */
export class OutputTail {
  readonly #label: string;
  readonly #lines: string[] = [];

  constructor(label: string) {
    this.#label = label;
  }

  add(line: string): void {
    this.#lines.push(line);
    if (this.#lines.length > 40) this.#lines.shift();
  }

  /** `error`'s message followed by the last lines of output. */
  explain(error: unknown): Error {
    const message = error instanceof Error ? error.message : String(error);
    return new Error(`${message}\n${this.#lines.map((l) => `  ${this.#label}: ${l}`).join("\n")}`);
  }
}

/**
 * Resolves when `listening` calls back (the child says it listens); rejects if the child fails
 * to start or exits first, or after `timeoutMs`.
 */
export function startedListening(
  child: ChildProcess,
  label: string,
  timeoutMs: number,
  listening: (done: () => void) => void,
): Promise<void> {
  return new Promise<void>((ready, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`${label} did not listen within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const done = (error?: Error) => {
      clearTimeout(timer);
      if (error) fail(error);
      else ready();
    };
    child.once("error", done);
    child.once("exit", (code, signal) =>
      done(new Error(`${label} exited (${signal ?? code}) before it listened`)),
    );
    listening(() => done());
  });
}

/** Resolves true once `child` has exited, false if it still runs after `timeoutMs`. */
export function exited(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((done) => {
    const timer = setTimeout(() => done(false), timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      done(true);
    });
  });
}

/**
 * Ties `child` to this process (SIGKILL on exit; SIGINT and SIGTERM exit) and returns its
 * `stop`: SIGTERM, then SIGKILL after 5 s.
 */
export function stopWithThisProcess(child: ChildProcess): () => Promise<void> {
  const killOnExit = () => child.kill("SIGKILL");
  const exitOnSignal = (signal: NodeJS.Signals) => process.exit(signal === "SIGINT" ? 130 : 143);
  process.on("exit", killOnExit);
  process.once("SIGINT", exitOnSignal);
  process.once("SIGTERM", exitOnSignal);
  return async () => {
    process.off("exit", killOnExit);
    process.off("SIGINT", exitOnSignal);
    process.off("SIGTERM", exitOnSignal);
    if (await exited(child, 0)) return;
    child.kill("SIGTERM");
    if (await exited(child, 5_000)) return;
    child.kill("SIGKILL");
    await exited(child, 2_000);
  };
}
