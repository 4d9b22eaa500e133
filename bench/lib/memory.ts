/**
 * Resident memory of one process (workerd) over a phase, from /proc/<pid>/status: VmRSS sampled
 * every few milliseconds, and VmHWM — the kernel's own high-water mark, which catches a peak
 * between two samples — reset at the start of the phase by writing 5 to /proc/<pid>/clear_refs
 * (allowed for our own child). Linux only; elsewhere every figure is null.
 */
import { readFileSync, writeFileSync } from "node:fs";

export type MemoryStatus = { rssKib: number; hwmKib: number };

/** VmRSS and VmHWM of `pid` in KiB, or null where /proc has none. */
export function memoryStatus(pid: number): MemoryStatus | null {
  try {
    const text = readFileSync(`/proc/${pid}/status`, "utf8");
    const field = (name: string) => {
      const line = text.split("\n").find((l) => l.startsWith(`${name}:`));
      return Number(line?.split(/\s+/)[1]);
    };
    const rssKib = field("VmRSS");
    const hwmKib = field("VmHWM");
    return Number.isFinite(rssKib) && Number.isFinite(hwmKib) ? { rssKib, hwmKib } : null;
  } catch {
    return null;
  }
}

/** Resets `pid`'s VmHWM to its current RSS; false when the kernel does not let us. */
export function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}

const mib = (kib: number): number => Math.round((kib / 1024) * 10) / 10;

export type MemoryWindow = {
  samples: number;
  everyMs: number;
  /** RSS when the window opened, and its lowest, highest and last sample (MiB). */
  startMib: number | null;
  minMib: number | null;
  peakMib: number | null;
  endMib: number | null;
  /** VmHWM at the end, reset when the window opened (null if it could not be reset). */
  hwmMib: number | null;
};

/** Samples `pid`'s RSS every `everyMs` from `open()` to `close()`. */
export class RssSampler {
  readonly #pid: number;
  readonly #everyMs: number;
  #timer: NodeJS.Timeout | undefined;
  #samples = 0;
  #start: number | null = null;
  #min = Number.POSITIVE_INFINITY;
  #peak = 0;
  #last: number | null = null;
  #hwmReset = false;

  constructor(pid: number, everyMs: number) {
    this.#pid = pid;
    this.#everyMs = everyMs;
  }

  open(): void {
    this.#hwmReset = resetPeak(this.#pid);
    this.#sample();
    this.#start = this.#last;
    this.#timer = setInterval(() => this.#sample(), this.#everyMs);
  }

  #sample(): void {
    const status = memoryStatus(this.#pid);
    if (!status) return;
    this.#samples++;
    this.#last = status.rssKib;
    this.#min = Math.min(this.#min, status.rssKib);
    this.#peak = Math.max(this.#peak, status.rssKib);
  }

  close(): MemoryWindow {
    clearInterval(this.#timer);
    this.#sample();
    const status = memoryStatus(this.#pid);
    const any = this.#samples > 0;
    return {
      samples: this.#samples,
      everyMs: this.#everyMs,
      startMib: this.#start === null ? null : mib(this.#start),
      minMib: any ? mib(this.#min) : null,
      peakMib: any ? mib(this.#peak) : null,
      endMib: this.#last === null ? null : mib(this.#last),
      hwmMib: this.#hwmReset && status ? mib(status.hwmKib) : null,
    };
  }
}

/** RSS of `pid` over `ms` with nothing asked of it: its idle figure (MiB, median of samples). */
export async function idleRss(pid: number, ms = 1000, everyMs = 50): Promise<number | null> {
  const values: number[] = [];
  const until = performance.now() + ms;
  while (performance.now() < until) {
    const status = memoryStatus(pid);
    if (status) values.push(status.rssKib);
    await new Promise((r) => setTimeout(r, everyMs));
  }
  values.sort((a, b) => a - b);
  const median = values[Math.floor(values.length / 2)];
  return median === undefined ? null : mib(median);
}
