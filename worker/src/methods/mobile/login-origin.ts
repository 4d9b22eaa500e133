/**
 * Where a login started, as the citizen app shows it next to the request (BRIEF.md "the app
 * shows the agency and where the login started"): the city and country Cloudflare's edge
 * derives from the browser's address, and the browser and system from its User-Agent.
 * Coarse on purpose: enough for a citizen to notice "Lagos, NG" when they are in Cuenca.
 */
import type { Context } from "hono";
import type { MobileOrigin } from "../../login/mobile-steps.ts";

type EdgeFacts = { city?: unknown; country?: unknown };

const BROWSERS: [RegExp, string][] = [
  [/Edg(e|A|iOS)?\//, "Edge"],
  [/OPR\//, "Opera"],
  [/SamsungBrowser\//, "Samsung Internet"],
  [/Firefox\/|FxiOS\//, "Firefox"],
  [/Chrome\/|CriOS\/|Chromium\//, "Chrome"],
  [/Safari\//, "Safari"],
];
const SYSTEMS: [RegExp, string][] = [
  [/Android/, "Android"],
  [/iPhone|iPad|iPod/, "iOS"],
  [/Windows/, "Windows"],
  [/Mac OS X|Macintosh/, "macOS"],
  [/CrOS/, "ChromeOS"],
  [/Linux/, "Linux"],
];

const first = (ua: string, table: [RegExp, string][]) =>
  table.find(([pattern]) => pattern.test(ua))?.[1] ?? null;

/** "Chrome en Windows"-style facts, kept language-neutral: the app words them. */
export function browserOf(userAgent: string | undefined): string | null {
  if (!userAgent) return null;
  const browser = first(userAgent, BROWSERS);
  const system = first(userAgent, SYSTEMS);
  if (browser && system) return `${browser} · ${system}`;
  return browser ?? system;
}

export function originOf(c: Context): MobileOrigin {
  const cf = (c.req.raw as { cf?: EdgeFacts }).cf;
  const city = typeof cf?.city === "string" ? cf.city : null;
  const country = typeof cf?.country === "string" ? cf.country : null;
  const location = city && country ? `${city}, ${country}` : (country ?? null);
  return { location, browser: browserOf(c.req.header("user-agent")) };
}
