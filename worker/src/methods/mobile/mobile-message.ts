/**
 * Messages of the mobile method: the SMS code that activates the app on a device, the notices
 * that a device was activated or revoked (on every contact, so that nobody can take over the
 * app unnoticed), and the PIN as the app's inbox holds it.
 */
import { type Message, onEveryContact } from "../../delivery/delivery.ts";
import { type Texts, untilText } from "../../i18n/server-i18n.ts";
import type { Citizen } from "../../storage/account-store.ts";
import type { InboxItem } from "./app-inbox.ts";

/** The SMS with the code that activates the app; null without a mobile. */
export function deviceCodeMessage(
  citizen: Citizen,
  code: string,
  expiresAt: number,
  lang: Texts,
): Message | null {
  if (!citizen.mobile) return null;
  return {
    channel: "sms",
    to: citizen.mobile,
    citizenId: citizen.id,
    kind: "device_code",
    text: lang.t("sms.device", { code, time: lang.time(expiresAt) }),
  };
}

/**
 * A device was activated (and older ones revoked): told on every contact, with the link that
 * cancels it and when it reaches its full level (docs/mobile.md "Binding a new device").
 */
export function deviceNotices(
  citizen: Citizen,
  device: { name: string; revoked: number; waitEndsAt: number; cancelUrl: string },
  lang: Texts,
): Message[] {
  const parts = [
    lang.t("notice.device", { name: device.name }),
    ...(device.revoked > 0 ? [lang.t("notice.deviceReplaced")] : []),
    lang.t("notice.deviceWait", {
      until: untilText(lang, device.waitEndsAt),
      url: device.cancelUrl,
    }),
  ];
  return onEveryContact(citizen, "device_activated", parts.join(" "));
}

/** A device was cancelled through its link: told on every contact. */
export function deviceCancelledNotices(citizen: Citizen, name: string): Message[] {
  const text = `Llave: se ha anulado la app Llave en «${name}» con el enlace de aviso de su activación. Si no ha sido usted, contacte con una oficina de registro.`;
  return onEveryContact(citizen, "device_cancelled", text);
}

/** The PIN as it waits in the app's inbox for login `loginId`. */
export const pinItem = (input: {
  id: string;
  loginId: string;
  pin: string;
  agency: string | null;
  now: number;
  expiresAt: number;
}): InboxItem => ({
  id: input.id,
  kind: "pin",
  createdAt: input.now,
  expiresAt: input.expiresAt,
  ref: input.loginId,
  pin: input.pin,
  agency: input.agency,
});
