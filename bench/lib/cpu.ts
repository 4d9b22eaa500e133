/**
 * CPU time of this Node process and of the servers it started (workerd, the oidc-provider
 * process), from /proc, so a run can tell which side of the loopback used the two cores; also
 * their open files and memory. Linux only; elsewhere the child
 * figures are reported as null.
 */
import { readdirSync, readFileSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";

const TICKS_PER_SECOND = 100; // USER_HZ; 100 on every Linux build that matters here.

type ProcStat = { pid: number; ppid: number; comm: string; cpuMs: number; threads: number };

function readStat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // comm is in parentheses and may hold spaces; the fields after it are space-separated.
    const close = text.lastIndexOf(")");
    const comm = text.slice(text.indexOf("(") + 1, close);
    const fields = text.slice(close + 2).split(" ");
    // fields[0] is field 3 (state): ppid is field 4, utime 14, stime 15, num_threads 20.
    const ppid = Number(fields[1]);
    const ticks = Number(fields[11]) + Number(fields[12]);
    return {
      pid,
      ppid,
      comm,
      cpuMs: (ticks * 1000) / TICKS_PER_SECOND,
      threads: Number(fields[17]),
    };
  } catch {
    return null;
  }
}

/** Every live descendant of `root` (children, grandchildren…). */
export function descendants(root = process.pid): ProcStat[] {
  let all: ProcStat[];
  try {
    all = readdirSync("/proc")
      .filter((name) => /^\d+$/.test(name))
      .map((name) => readStat(Number(name)))
      .filter((s): s is ProcStat => s !== null);
  } catch {
    return [];
  }
  const found: ProcStat[] = [];
  const parents = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const s of all) {
      if (parents.has(s.ppid) && !parents.has(s.pid)) {
        parents.add(s.pid);
        found.push(s);
        grew = true;
      }
    }
  }
  return found;
}

export type CpuSnapshot = {
  at: number;
  nodeMs: number;
  childrenMs: number | null;
  /** Busy time of the whole machine, every process (from /proc/stat). */
  systemMs: number | null;
};

/** Busy CPU time of the machine: every field of /proc/stat's "cpu" line but idle and iowait. */
function systemBusyMs(): number | null {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n", 1)[0] ?? "";
    const [user, nice, system, , , irq, softirq, steal] = line
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    const ticks = [user, nice, system, irq, softirq, steal].reduce<number>(
      (sum, v) => sum + (v ?? 0),
      0,
    );
    return (ticks * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/**
 * CPU so far of this process, of the server under test (`serverPid` and its descendants; every
 * descendant of this process when absent) and of the machine.
 */
export function cpuSnapshot(serverPid?: number): CpuSnapshot {
  const usage = process.cpuUsage();
  const children =
    serverPid === undefined
      ? descendants()
      : [readStat(serverPid), ...descendants(serverPid)].filter((s): s is ProcStat => s !== null);
  return {
    at: performance.now(),
    nodeMs: (usage.user + usage.system) / 1000,
    childrenMs: children.length > 0 ? children.reduce((sum, c) => sum + c.cpuMs, 0) : null,
    systemMs: systemBusyMs(),
  };
}

export type CoresUsed = { node: number; workerd: number | null; others: number | null };

/**
 * Cores used on average between two snapshots (1.0 = one core fully busy): this process, the
 * server under test (`workerd`: workerd in the PIN benchmark, workerd or the oidc-provider
 * process in the token benchmark), and every other process on the machine.
 */
export function coresUsed(from: CpuSnapshot, to: CpuSnapshot): CoresUsed {
  const wall = to.at - from.at;
  const cores = (ms: number) => Math.round((ms / wall) * 100) / 100;
  const node = cores(to.nodeMs - from.nodeMs);
  const workerd =
    from.childrenMs === null || to.childrenMs === null
      ? null
      : cores(to.childrenMs - from.childrenMs);
  const others =
    from.systemMs === null || to.systemMs === null
      ? null
      : Math.max(0, cores(to.systemMs - from.systemMs) - node - (workerd ?? 0));
  return { node, workerd, others: others === null ? null : Math.round(others * 100) / 100 };
}

/** Cores used by this process, workerd and everything else over the next `ms`, with no load. */
export async function backgroundCores(ms: number): Promise<CoresUsed> {
  const from = cpuSnapshot();
  await new Promise((r) => setTimeout(r, ms));
  return coresUsed(from, cpuSnapshot());
}

/** Open file descriptors of `pid` (workerd keeps each live Durable Object's SQLite files open). */
export function openFds(pid: number): number | null {
  try {
    return readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return null;
  }
}

/** Resident memory of `pid` in MiB (VmRSS), or null where /proc has none. */
export function residentMib(pid: number): number | null {
  try {
    const line = readFileSync(`/proc/${pid}/status`, "utf8")
      .split("\n")
      .find((l) => l.startsWith("VmRSS:"));
    const kib = Number(line?.split(/\s+/)[1]);
    return Number.isFinite(kib) ? Math.round(kib / 1024) : null;
  } catch {
    return null;
  }
}

/** The soft limit on open files of `pid` (workerd fails to open an object's SQLite file past it). */
export function maxOpenFiles(pid: number): number | null {
  try {
    const line = readFileSync(`/proc/${pid}/limits`, "utf8")
      .split("\n")
      .find((l) => l.startsWith("Max open files"));
    const soft = Number(line?.split(/\s{2,}/)[1]);
    return Number.isFinite(soft) ? soft : null;
  } catch {
    return null;
  }
}

/**
 * CPU, the Node event loop's delay and workerd's open files over one measured window. The server
 * measured is `workerdPid` with its descendants, or every child of this process without it.
 */
export class CpuWindow {
  #from: CpuSnapshot | null = null;
  #to: CpuSnapshot | null = null;
  #maxFds = 0;
  #fdTimer: NodeJS.Timeout | undefined;
  readonly #loop = monitorEventLoopDelay({ resolution: 1 });
  readonly #workerdPid: number | undefined;

  constructor(workerdPid: number | undefined) {
    this.#workerdPid = workerdPid;
  }

  open(): void {
    if (this.#from) return;
    this.#from = cpuSnapshot(this.#workerdPid);
    this.#loop.enable();
    this.#sampleFds();
    this.#fdTimer = setInterval(() => this.#sampleFds(), 1000);
  }

  /** Closes the window (once); returns when it closed, or null if it never opened. */
  close(): number | null {
    if (!this.#from) return null;
    if (!this.#to) {
      this.#to = cpuSnapshot(this.#workerdPid);
      this.#loop.disable();
      this.#sampleFds();
      clearInterval(this.#fdTimer);
    }
    return this.#to.at;
  }

  #sampleFds(): void {
    if (this.#workerdPid === undefined) return;
    this.#maxFds = Math.max(this.#maxFds, openFds(this.#workerdPid) ?? 0);
  }

  result() {
    this.close();
    const r = (ns: number) => Math.round(ns / 1e4) / 100;
    return {
      cores:
        this.#from && this.#to
          ? coresUsed(this.#from, this.#to)
          : { node: Number.NaN, workerd: null, others: null },
      loop: {
        p50: r(this.#loop.percentile(50)),
        p99: r(this.#loop.percentile(99)),
        max: r(this.#loop.max),
      },
      workerdMaxFds: this.#workerdPid === undefined ? null : this.#maxFds,
    };
  }
}
