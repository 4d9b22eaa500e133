/** The message that carries a PIN to the citizen, by channel. */
import { type Message, onEveryContact } from "../../delivery/delivery.ts";
import type { Citizen } from "../../storage/account-store.ts";
import type { PinChannel } from "./pin-challenge.ts";

// Built once: constructing an Intl formatter costs more than the rest of a PIN message.
const clockTime = new Intl.DateTimeFormat("es-ES", {
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "Europe/Madrid",
});
const time = (at: number) => clockTime.format(at);

/** The PIN message for `channel`, or null when the citizen cannot be reached there. */
export function pinMessage(
  citizen: Citizen,
  channel: PinChannel,
  pin: string,
  expiresAt: number,
): Message | null {
  const text = `Llave: su PIN es ${pin}. Válido hasta las ${time(expiresAt)}. No lo comparta con nadie.`;
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

/** Notices that PIN login was blocked, on every contact the citizen registered. */
export function lockNotices(citizen: Citizen): Message[] {
  const text =
    "Llave: el acceso con PIN se ha bloqueado tras demasiados intentos fallidos. " +
    "Si no ha sido usted, contacte con una oficina de registro.";
  return onEveryContact(citizen, "pin_locked", text);
}
