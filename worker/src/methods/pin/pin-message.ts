/**
 * The message that carries a PIN to the citizen, by channel, in the citizen's language and
 * with the expiry in the administration's time zone (i18n/server-i18n.ts).
 */
import { type Message, onEveryContact } from "../../delivery/delivery.ts";
import { type Texts, untilText } from "../../i18n/server-i18n.ts";
import type { Citizen } from "../../storage/account-store.ts";
import type { PinChannel } from "./pin-challenge.ts";

/** The PIN message for `channel`, or null when the citizen cannot be reached there. */
export function pinMessage(
  citizen: Citizen,
  channel: PinChannel,
  pin: string,
  expiresAt: number,
  lang: Texts,
): Message | null {
  const text = lang.t("sms.pin", { pin, time: lang.time(expiresAt) });
  if (channel === "sms") {
    if (!citizen.mobile) return null;
    return { channel: "sms", to: citizen.mobile, citizenId: citizen.id, kind: "pin", text };
  }
  return {
    channel: "app",
    to: citizen.id,
    citizenId: citizen.id,
    kind: "pin",
    text,
    data: { pin, expiresAt },
  };
}

/**
 * Notices that login was blocked after too many failures, on every contact the citizen
 * registered: until when, and how to lift it sooner — nothing that does not exist.
 */
export function lockNotices(citizen: Citizen, lang: Texts, until: number): Message[] {
  const text = `${lang.t("notice.pinLocked", { until: untilText(lang, until) })} ${lang.t("notice.notYou")}`;
  return onEveryContact(citizen, "pin_locked", text);
}
