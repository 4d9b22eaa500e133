/**
 * V8 CPU profiles of workerd through its inspector (`workerd serve --inspector-addr`), for
 * finding where the worker's CPU goes under load. The profile is a `.cpuprofile` file that
 * Chrome DevTools and `summarizeProfile` below read.
 *
 * @example
 * const profiler = await connectProfiler(inspectorPort);
 * await profiler.start();
 * … load …
 * writeFileSync("token.cpuprofile", JSON.stringify(await profiler.stop()));
 */

type CallFrame = { functionName: string; url: string; lineNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
export type CpuProfile = {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
};

export type Profiler = {
  start(): Promise<void>;
  stop(): Promise<CpuProfile>;
  close(): void;
};

/** The first worker isolate workerd's inspector lists. */
async function debuggerUrl(port: number): Promise<string> {
  const list = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as {
    webSocketDebuggerUrl?: string;
  }[];
  const url = list.find((t) => t.webSocketDebuggerUrl)?.webSocketDebuggerUrl;
  if (!url) throw new Error(`workerd's inspector on ${port} lists no isolate`);
  return url;
}

export async function connectProfiler(port: number): Promise<Profiler> {
  const socket = new WebSocket(await debuggerUrl(port));
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener("open", () => resolve(), { once: true });
    socket.addEventListener("error", () => reject(new Error("inspector connection failed")), {
      once: true,
    });
  });
  let nextId = 1;
  const pending = new Map<number, (result: unknown) => void>();
  socket.addEventListener("message", (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown };
    if (message.id !== undefined) pending.get(message.id)?.(message.result);
  });
  const call = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<unknown>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      socket.send(JSON.stringify({ id, method, params }));
    });
  await call("Profiler.enable");
  // 100 µs: fine enough for a request of well under a millisecond.
  await call("Profiler.setSamplingInterval", { interval: 100 });
  return {
    start: async () => {
      await call("Profiler.start");
    },
    stop: async () => ((await call("Profiler.stop")) as { profile: CpuProfile }).profile,
    close: () => socket.close(),
  };
}

/** Self time by function (name and place), largest first, as shares of the profile. */
export function summarizeProfile(profile: CpuProfile, top = 40): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const byName = new Map<string, number>();
  let total = 0;
  for (const [id, us] of self) {
    const f = byId.get(id)?.callFrame;
    const name = f
      ? `${f.functionName || "(anonymous)"} ${f.url.split("/").pop()}:${f.lineNumber + 1}`
      : "?";
    byName.set(name, (byName.get(name) ?? 0) + us);
    total += us;
  }
  return [...byName.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, us]) => `${((100 * us) / total).toFixed(1).padStart(5)} %  ${name}`);
}
