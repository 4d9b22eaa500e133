/**
 * A bench-only worker, never deployed: the production `hashPassword` (worker/src/methods/password/
 * password-hash.ts, Argon2id from @noble/hashes) and nothing else, so the password benchmark can
 * time one hash in the same workerd binary that runs the bundle, without HTTP routing, Durable
 * Objects or the libSQL bridge around it. bench/lib/argon2-timing.ts bundles it with esbuild.
 *
 *   GET /noop                  an empty answer: the round trip to subtract
 *   GET /hash?n=N&m=&t=&p=     N hashes one after the other (OWASP costs by default)
 *   GET /hash?…&observe=1      the same, with a timer loop beside the hashes; answers
 *                              { n, ticks, clockMs }: how many timer callbacks ran while the
 *                              hashes ran (0: they never handed the event loop back) and how far
 *                              Date.now() moved (workerd only advances it on I/O).
 */
import { cryptoRandom } from "../../worker/src/crypto/random.ts";
import { hashPassword, OWASP_ARGON2 } from "../../worker/src/methods/password/password-hash.ts";

/** A fixed 32-byte pepper: its value does not change the cost. */
const PEPPER = new TextEncoder().encode("bench-only pepper, 32 bytes long!");

function param(url: URL, name: string, fallback: number): number {
  const raw = url.searchParams.get(name);
  return raw === null ? fallback : Number(raw);
}

export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === "/noop") return new Response("ok");
    if (url.pathname !== "/hash") return new Response("not found", { status: 404 });
    const n = param(url, "n", 1);
    const costs = {
      m: param(url, "m", OWASP_ARGON2.m),
      t: param(url, "t", OWASP_ARGON2.t),
      p: param(url, "p", OWASP_ARGON2.p),
    };
    let ticks = 0;
    let done = url.searchParams.get("observe") !== "1";
    // A timer loop beside the hashes: it only runs when a hash awaits a macrotask.
    const ticker = (async () => {
      while (!done) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        ticks++;
      }
    })();
    const before = Date.now();
    let stored = "";
    for (let i = 0; i < n; i++) {
      stored = await hashPassword("marmota verde del Moncayo", PEPPER, costs, cryptoRandom);
    }
    const clockMs = Date.now() - before;
    const hashTicks = ticks;
    done = true;
    await ticker;
    return Response.json({ n, ticks: hashTicks, clockMs, sample: stored.slice(0, 32) });
  },
};
