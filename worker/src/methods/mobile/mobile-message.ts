/**
 * Messages of the mobile method: the SMS code that activates the app on a device, the notices
 * that a device was activated or revoked (on every contact, so that nobody can take over the
 * app unnoticed), and the PIN as the app's inbox holds it.
 */
import { type Message, onEveryContact } from "../../delivery/delivery.ts";
import type { Citizen } from "../../storage/account-store.ts";
import type { InboxItem } from "./app-inbox.ts";

const clockTime = new Intl.DateTimeFormat("es-ES", {
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "Europe/Madrid",
});

/** The SMS with the code that activates the app; null without a mobile. */
export function deviceCodeMessage(
  citizen: Citizen,
  code: string,
  expiresAt: number,
): Message | null {
  if (!citizen.mobile) return null;
  return {
    channel: "sms",
    to: citizen.mobile,
    citizenId: citizen.id,
    kind: "device_code",
    text: `Llave: su código para activar la app Llave es ${code}. Válido hasta las ${clockTime.format(expiresAt)}. No lo comparta con nadie; nadie de la Administración se lo pedirá.`,
  };
}

/** A device was activated (and older ones revoked): told on every contact. */
export function deviceNotices(citizen: Citizen, name: string, revoked: number): Message[] {
  const replaced = revoked > 0 ? " La app queda desactivada en su dispositivo anterior." : "";
  const text = `Llave: se ha activado la app Llave en «${name}».${replaced} Si no ha sido usted, contacte con una oficina de registro.`;
  return onEveryContact(citizen, "device_activated", text);
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
