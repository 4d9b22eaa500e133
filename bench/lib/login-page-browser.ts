/**
 * One measured navigation in Chromium (playwright-core, headless), for each way a citizen
 * reaches the login app:
 *
 * - **full page**: the browser goes to a valid /authorize of the demo client, which answers
 *   302 to /login/{id}; the login page renders the app's first screen;
 * - **element**: the browser goes to a page of the demo agency that embeds `<llave-login>`;
 *   the element starts a frame at /authorize (`response_mode=web_message`), which lands on
 *   /login/{id} inside the frame.
 *
 * "Interactive" is the login app's `performance.mark("llave:interactive")`
 * (web-widget/src/login-app/main.ts), set once the first screen is in the page and its event
 * handlers are attached. Every time is read from the browser's own clocks (navigation timing,
 * the mark, first contentful paint), never from this process, so the DevTools protocol's round
 * trips are not in the figures; the page polls for the mark every 5 ms (microseconds of work).
 */
import { createHash, randomBytes } from "node:crypto";
import type { BrowserContext, Frame, Page, Request } from "playwright-core";
import { FunctionalError } from "./http.ts";

export const MARK = "llave:interactive";

/** What a document reports about itself; times in ms from its navigation start. */
type DocumentTiming = {
  url: string;
  timeOrigin: number;
  mark: number | null;
  fcp: number | null;
  redirectCount: number;
  redirectStart: number;
  redirectEnd: number;
  fetchStart: number;
  responseStart: number;
  responseEnd: number;
};

/** The browser's Performance, as far as the page function below uses it. */
type BrowserPerformance = {
  timeOrigin: number;
  now(): number;
  getEntriesByName(name: string, type: string): { startTime: number }[];
  getEntriesByType(type: string): unknown[];
};
type NavigationEntry = Omit<DocumentTiming, "url" | "timeOrigin" | "mark" | "fcp"> & {
  name: string;
};

/**
 * Runs inside the page (serialized by Playwright: self-contained, no closures): waits for the
 * mark, then up to 2 s for first contentful paint, and reads the document's timing. Null when
 * the mark did not come within `timeoutMs`. The navigation entry starts at the navigation's
 * start, before the /authorize request, so the redirect to /login/{id} (same origin, hence
 * exposed) is included. A function, not a string: the login page's CSP forbids eval, which
 * Playwright would need for a string.
 */
async function whenInteractive(args: {
  /** Null: read the timing at once (the agency's page, which has no mark). */
  mark: string | null;
  timeoutMs: number;
}): Promise<DocumentTiming | null> {
  const perf = performance as unknown as BrowserPerformance;
  const until = async (name: string, type: string, ms: number) => {
    const end = perf.now() + ms;
    while (perf.getEntriesByName(name, type).length === 0) {
      if (perf.now() > end) return false;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return true;
  };
  if (args.mark !== null) {
    if (!(await until(args.mark, "mark", args.timeoutMs))) return null;
    await until("first-contentful-paint", "paint", 2_000);
  }
  const nav = perf.getEntriesByType("navigation")[0] as NavigationEntry;
  return {
    url: nav.name,
    timeOrigin: perf.timeOrigin,
    mark:
      args.mark === null ? null : (perf.getEntriesByName(args.mark, "mark")[0]?.startTime ?? null),
    fcp: perf.getEntriesByName("first-contentful-paint", "paint")[0]?.startTime ?? null,
    redirectCount: nav.redirectCount,
    redirectStart: nav.redirectStart,
    redirectEnd: nav.redirectEnd,
    fetchStart: nav.fetchStart,
    responseStart: nav.responseStart,
    responseEnd: nav.responseEnd,
  };
}

/** A full-page navigation, in ms. */
export type FullPageSample = {
  /** Navigation start (the /authorize request) → interactive: what the citizen waits. */
  total: number;
  /** The login page's own request (after the redirect) → interactive. */
  loginPage: number;
  /** The /authorize round trip: 302 received. */
  redirect: number;
  /** Navigation start → the login page's last byte. */
  html: number;
  /** Navigation start → first contentful paint (null if Chromium recorded none). */
  fcp: number | null;
};

/** An embedded navigation, in ms. */
export type ElementSample = {
  /** The agency page's navigation start → interactive inside the frame. */
  total: number;
  /** The agency page's navigation start → its last byte (the agency's backend included). */
  agencyHtml: number;
  /** The agency page's navigation start → the frame's navigation start (/authorize). */
  frameStart: number;
  /** The frame's navigation start → interactive (its redirect included). */
  inFrame: number;
  /** The agency page's navigation start → the frame's first contentful paint. */
  fcp: number | null;
};

/** A response the browser received, as it saw it (`request.sizes()`). */
export type Transfer = {
  url: string;
  status: number;
  /** Body bytes on the wire (compressed, if the server compressed). */
  bodyBytes: number;
  headerBytes: number;
  contentEncoding: string | null;
};

/** A fresh /authorize URL: new state, nonce and PKCE S256 pair each time. */
export function authorizeUrl(issuer: string, client: { id: string; redirectUri: string }): string {
  const verifier = randomBytes(32).toString("base64url");
  const params = new URLSearchParams({
    response_type: "code",
    client_id: client.id,
    redirect_uri: client.redirectUri,
    scope: "openid profile",
    state: randomBytes(16).toString("base64url"),
    nonce: randomBytes(16).toString("base64url"),
    code_challenge: createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
  });
  return `${issuer}/authorize?${params}`;
}

const rounded = (ms: number) => Math.round(ms * 10) / 10;

async function timingOf(where: Page | Frame, timeoutMs: number): Promise<DocumentTiming> {
  const timing = await where.evaluate(whenInteractive, { mark: MARK, timeoutMs });
  if (!timing) {
    throw new FunctionalError(
      `${where.url()}: no performance mark "${MARK}" within ${timeoutMs} ms`,
    );
  }
  return timing;
}

/** Records what the browser received in `context` while `fn` runs. */
export async function recordTransfers<T>(
  context: BrowserContext,
  fn: () => Promise<T>,
): Promise<{ result: T; transfers: Transfer[] }> {
  const pending: Promise<Transfer | null>[] = [];
  const listener = (request: Request) => {
    pending.push(
      (async () => {
        const response = await request.response();
        if (!response) return null;
        const sizes = await request.sizes();
        return {
          url: request.url(),
          status: response.status(),
          bodyBytes: sizes.responseBodySize,
          headerBytes: sizes.responseHeadersSize,
          contentEncoding: (await response.headerValue("content-encoding")) ?? null,
        };
      })().catch(() => null),
    );
  };
  context.on("requestfinished", listener);
  try {
    const result = await fn();
    const transfers = (await Promise.all(pending)).filter((t): t is Transfer => t !== null);
    return { result, transfers };
  } finally {
    context.off("requestfinished", listener);
  }
}

/** The full-page login in `page`: /authorize → 302 → /login/{id}, until its first screen. */
export async function fullPageNavigation(
  page: Page,
  url: string,
  timeoutMs: number,
): Promise<FullPageSample> {
  await page.goto(url, { waitUntil: "commit", timeout: timeoutMs });
  const t = await timingOf(page, timeoutMs);
  if (!new URL(t.url).pathname.startsWith("/login/") || t.redirectCount !== 1) {
    throw new FunctionalError(
      `/authorize should redirect once to /login/{id}; the page is ${t.url} after ${t.redirectCount} redirect(s)`,
    );
  }
  const mark = t.mark ?? Number.NaN;
  return {
    total: rounded(mark),
    loginPage: rounded(mark - t.fetchStart),
    redirect: rounded(t.redirectEnd - t.redirectStart),
    html: rounded(t.responseEnd),
    fcp: t.fcp === null ? null : rounded(t.fcp),
  };
}

/** The agency's page with `<llave-login>` in `page`, until the first screen inside its frame. */
export async function elementNavigation(
  page: Page,
  pageUrl: string,
  issuer: string,
  timeoutMs: number,
): Promise<ElementSample> {
  const framed = page.waitForEvent("framenavigated", {
    predicate: (f) => f !== page.mainFrame() && f.url().startsWith(`${issuer}/login/`),
    timeout: timeoutMs,
  });
  await page.goto(pageUrl, { waitUntil: "commit", timeout: timeoutMs });
  const frame = await framed.catch((error: unknown) => {
    throw new FunctionalError(
      `${pageUrl}: no frame reached ${issuer}/login/ within ${timeoutMs} ms (${error instanceof Error ? error.message.split("\n")[0] : error})`,
    );
  });
  const inner = await timingOf(frame, timeoutMs);
  const outer = await page.evaluate(whenInteractive, { mark: null, timeoutMs: 0 });
  if (!outer) throw new FunctionalError(`${pageUrl}: could not read its navigation timing`);
  const frameStart = inner.timeOrigin - outer.timeOrigin;
  const mark = inner.mark ?? Number.NaN;
  return {
    total: rounded(frameStart + mark),
    agencyHtml: rounded(outer.responseEnd),
    frameStart: rounded(frameStart),
    inFrame: rounded(mark),
    fcp: inner.fcp === null ? null : rounded(frameStart + inner.fcp),
  };
}
