/**
 * What a citizen-app device can assert now (docs/mobile.md "Binding a new device").
 *
 * A device activated with the document, the contrast datum and an SMS code was bound with SMS
 * possession alone: the document data are public, so a swapped SIM would be enough. NIST SP
 * 800-63B rev 4 lets such a binding reach the device's full level only after the citizen was
 * told on every contact and could cancel it; until `waitEndsAt` (a stored timestamp, never an
 * alarm) the device asserts at most `low`. Everything the device proves takes this level into
 * account: its approvals (QR, push, CIBA), the app PINs its inbox shows and its step-up codes.
 *
 * These are pure: the registration cap is applied after them (assurance/levels.ts).
 */
import { type AssuranceLevel, minLevel } from "../../assurance/levels.ts";
import type { Device } from "../../storage/device-store.ts";

/**
 * The level `device` proves at `now`, when a bound device proves `full`.
 *
 * @example
 * deviceLevel({ waitEndsAt: t + 1 }, "substantial", t) // "low"
 * deviceLevel({ waitEndsAt: t }, "substantial", t)     // "substantial"
 */
export function deviceLevel(
  device: Pick<Device, "waitEndsAt">,
  full: AssuranceLevel,
  now: number,
): AssuranceLevel {
  return now < device.waitEndsAt ? minLevel("low", full) : full;
}

/**
 * The level of something every device of the citizen can read (an app PIN in the shared
 * inbox): the weakest of the devices that may have read it, that is the active ones and those
 * revoked within `recentMs` (a device in its wait that read the PIN and was then revoked, even
 * by its own holder, still counts). When no device could have read it, the channel's `full`
 * level: there is nothing weaker to cap it with.
 *
 * @example
 * weakestDeviceLevel([bound, waiting], "substantial", now, 600_000) // "low"
 */
export function weakestDeviceLevel(
  devices: Pick<Device, "waitEndsAt" | "status" | "revokedAt">[],
  full: AssuranceLevel,
  now: number,
  recentMs: number,
): AssuranceLevel {
  return devices
    .filter((d) => d.status === "active" || (d.revokedAt !== null && d.revokedAt > now - recentMs))
    .map((d) => deviceLevel(d, full, now))
    .reduce(minLevel, full);
}

/**
 * The best level any active device can give an approval now (what a CIBA request may count
 * on before it asks the app); null without an active device.
 */
export function bestDeviceLevel(
  devices: Pick<Device, "waitEndsAt" | "status">[],
  full: AssuranceLevel,
  now: number,
): AssuranceLevel | null {
  const levels = devices.filter((d) => d.status === "active").map((d) => deviceLevel(d, full, now));
  return levels.length === 0 ? null : levels.reduce((a, b) => (minLevel(a, b) === a ? b : a));
}
