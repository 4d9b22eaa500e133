/** Which inbox items the app shows; pure, so that it is tested without a browser. */
import type { InboxItem } from "./api.ts";

/**
 * The items to show, newest first: none expired, and one PIN at most. A citizen has one live
 * PIN at a time (a new one supersedes the rest, worker/src/methods/pin/pin-challenge.ts), so an
 * older PIN still held here — its removal lost with a dropped socket — is dead: never shown as
 * if it could still be typed.
 */
export function liveItems(items: InboxItem[], now: number): InboxItem[] {
  const live = items
    .filter((item) => item.expiresAt > now)
    .sort((a, b) => b.createdAt - a.createdAt);
  const newestPin = live.find((item) => item.kind === "pin");
  return live.filter((item) => item.kind !== "pin" || item === newestPin);
}
