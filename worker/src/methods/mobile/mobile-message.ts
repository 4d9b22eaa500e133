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

const dateTime = new Intl.DateTimeFormat("es-ES", {
  day: "numeric",
  month: "long",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "Europe/Madrid",
});

/**
 * A device was activated (and older ones revoked): told on every contact, with the link that
 * cancels it and when it reaches its full level (docs/mobile.md "Binding a new device").
 */
export function deviceNotices(
  citizen: Citizen,
  device: { name: string; revoked: number; waitEndsAt: number; cancelUrl: string },
): Message[] {
  const replaced =
    device.revoked > 0 ? " La app queda desactivada en su dispositivo anterior." : "";
  const text = `Llave: se ha activado la app Llave en «${device.name}».${replaced} Hasta el ${dateTime.format(device.waitEndsAt)} solo servirá para accesos de nivel bajo. Si no ha sido usted, anúlela aquí: ${device.cancelUrl}`;
  return onEveryContact(citizen, "device_activated", text);
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
