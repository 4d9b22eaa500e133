/**
 * The citizen app's service worker (`/app/sw.js`, scope `/app/`), for offline start only:
 *
 *  - the shell (`/app/`) network-first: a fresh page when online (new assets, the current
 *    language), the last one when not;
 *  - the content-hashed assets, manifest and icons cache-first: a hashed name never changes;
 *  - never `/api/`, nor anything outside `/app/`: PINs, approvals and proofs are not stored.
 *
 * The list to cache comes from the build (build.ts): a new build is a new worker with a new
 * cache, and the old cache is deleted once it takes over.
 */

declare const LLAVE_PRECACHE: string[];
declare const LLAVE_CACHE: string;

/** The parts of the service worker global scope used here (not in the DOM types). */
type ExtendableEvent = Event & { waitUntil(work: Promise<unknown>): void };
type FetchEvent = ExtendableEvent & {
  request: Request;
  respondWith(response: Promise<Response>): void;
};
type WorkerScope = {
  addEventListener(type: "install" | "activate", listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: "fetch", listener: (event: FetchEvent) => void): void;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  location: Location;
};

const worker = self as unknown as WorkerScope;
const SHELL = "/app/";

worker.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(LLAVE_CACHE)
      .then((cache) => cache.addAll(LLAVE_PRECACHE))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith("llave-app-") && name !== LLAVE_CACHE)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => worker.clients.claim()),
  );
});

async function networkFirst(request: Request): Promise<Response> {
  const cache = await caches.open(LLAVE_CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(SHELL, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(SHELL);
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(request: Request): Promise<Response> {
  const cache = await caches.open(LLAVE_CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

worker.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== worker.location.origin) return;
  if (!url.pathname.startsWith("/app/") || url.pathname === "/app/sw.js") return;
  if (request.mode === "navigate" || url.pathname === SHELL) {
    event.respondWith(networkFirst(request));
  } else {
    event.respondWith(cacheFirst(request));
  }
});
