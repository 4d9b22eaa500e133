/**
 * The device name proposed at activation ("Chrome en Android"), so the citizen can tell their
 * devices apart in the list without typing one. From User-Agent Client Hints where the browser
 * has them, else from the User-Agent string; the citizen may change it.
 */

type Brand = { brand: string; version: string };
/** `navigator.userAgentData` (Chromium only; not in TypeScript's DOM types yet). */
export type UserAgentData = { brands?: Brand[]; platform?: string; mobile?: boolean };

export type DeviceParts = { browser: string | null; os: string | null };

const BROWSERS: [RegExp, string][] = [
  [/EdgA?\//, "Edge"],
  [/OPR\/|Opera/, "Opera"],
  [/SamsungBrowser\//, "Samsung Internet"],
  [/Firefox\/|FxiOS\//, "Firefox"],
  [/CriOS\/|Chrome\//, "Chrome"],
  [/Safari\//, "Safari"],
];

const SYSTEMS: [RegExp, string][] = [
  [/Android/, "Android"],
  [/iPhone|iPod/, "iOS"],
  [/iPad/, "iPadOS"],
  [/CrOS/, "ChromeOS"],
  [/Windows/, "Windows"],
  [/Mac OS X|Macintosh/, "macOS"],
  [/Linux/, "Linux"],
];

const PLATFORMS: Record<string, string> = { "Chrome OS": "ChromeOS", "Chromium OS": "ChromeOS" };

const first = (table: [RegExp, string][], ua: string): string | null =>
  table.find(([pattern]) => pattern.test(ua))?.[1] ?? null;

/**
 * The browser and the operating system, each null when not recognised.
 *
 * @example
 * deviceParts("Mozilla/5.0 (X11; Linux x86_64) … Chrome/131.0 Safari/537.36");
 * // { browser: "Chrome", os: "Linux" }
 */
export function deviceParts(userAgent: string, data?: UserAgentData): DeviceParts {
  const brands = (data?.brands ?? [])
    .map((b) => b.brand)
    .filter((b) => !/not.?a.?brand|chromium/i.test(b));
  const hinted = brands[0]?.replace(/^Google /, "").replace(/^Microsoft /, "") ?? null;
  const platform = data?.platform ? (PLATFORMS[data.platform] ?? data.platform) : null;
  return {
    browser: hinted ?? first(BROWSERS, userAgent),
    os: platform || first(SYSTEMS, userAgent),
  };
}
