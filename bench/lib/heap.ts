/**
 * The worker isolate's own memory as V8 counts it, through workerd's inspector
 * (`--inspector-addr`): `Runtime.getHeapUsage` gives the JavaScript heap and
 * `backingStorageSize`, the bytes of ArrayBuffer backing stores V8 holds — live or dead but not
 * yet collected. Each Argon2id hash allocates its 19 MiB of blocks as one such buffer, so this
 * is where hashes show, apart from whatever the allocator keeps resident afterwards (RSS).
 *
 * @example
 * const heap = await HeapSampler.connect(inspectorPort, 50);
 * heap.open(); … load …; const window = await heap.close();
 */

type HeapUsage = { usedSize: number; totalSize: number; backingStorageSize?: number };

export type HeapWindow = {
  samples: number;
  /** JavaScript heap used, and ArrayBuffer backing stores, at the start and at their peak (MiB). */
  startUsedMib: number | null;
  peakUsedMib: number | null;
  startBackingMib: number | null;
  peakBackingMib: number | null;
  endBackingMib: number | null;
};

const mib = (bytes: number): number => Math.round((bytes / 1048576) * 10) / 10;

export class HeapSampler {
  readonly #socket: WebSocket;
  readonly #everyMs: number;
  readonly #pending = new Map<number, (result: HeapUsage | null) => void>();
  #nextId = 1;
  #running = false;
  #loop: Promise<void> | null = null;
  #samples: HeapUsage[] = [];

  private constructor(socket: WebSocket, everyMs: number) {
    this.#socket = socket;
    this.#everyMs = everyMs;
    socket.addEventListener("message", (event) => {
      const message = JSON.parse(String(event.data)) as { id?: number; result?: HeapUsage };
      if (message.id === undefined) return;
      this.#pending.get(message.id)?.(message.result ?? null);
      this.#pending.delete(message.id);
    });
  }

  /** Connects to the first isolate workerd's inspector on `port` lists. */
  static async connect(port: number, everyMs: number): Promise<HeapSampler> {
    const list = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as {
      webSocketDebuggerUrl?: string;
    }[];
    const url = list.find((t) => t.webSocketDebuggerUrl)?.webSocketDebuggerUrl;
    if (!url) throw new Error(`workerd's inspector on ${port} lists no isolate`);
    const socket = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      socket.addEventListener("open", () => resolve(), { once: true });
      socket.addEventListener("error", () => reject(new Error("inspector connection failed")), {
        once: true,
      });
    });
    return new HeapSampler(socket, everyMs);
  }

  /** One reading, or null if the isolate does not answer within a second. */
  usage(): Promise<HeapUsage | null> {
    return new Promise((resolve) => {
      const id = this.#nextId++;
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        resolve(null);
      }, 1000);
      this.#pending.set(id, (result) => {
        clearTimeout(timer);
        resolve(result);
      });
      this.#socket.send(JSON.stringify({ id, method: "Runtime.getHeapUsage", params: {} }));
    });
  }

  /** Samples one reading after another, `everyMs` apart, until `close`. */
  open(): void {
    this.#samples = [];
    this.#running = true;
    this.#loop = (async () => {
      while (this.#running) {
        const u = await this.usage();
        if (u) this.#samples.push(u);
        await new Promise((r) => setTimeout(r, this.#everyMs));
      }
    })();
  }

  async close(): Promise<HeapWindow> {
    this.#running = false;
    await this.#loop;
    const last = await this.usage();
    if (last) this.#samples.push(last);
    const s = this.#samples;
    const backing = s.map((u) => u.backingStorageSize ?? 0);
    const first = s[0];
    return {
      samples: s.length,
      startUsedMib: first ? mib(first.usedSize) : null,
      peakUsedMib: s.length > 0 ? mib(Math.max(...s.map((u) => u.usedSize))) : null,
      startBackingMib: first ? mib(first.backingStorageSize ?? 0) : null,
      peakBackingMib: s.length > 0 ? mib(Math.max(...backing)) : null,
      endBackingMib: last ? mib(last.backingStorageSize ?? 0) : null,
    };
  }

  dispose(): void {
    this.#running = false;
    this.#socket.close();
  }
}
