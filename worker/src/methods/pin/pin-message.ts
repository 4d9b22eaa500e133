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

const day = new Intl.DateTimeFormat("es-ES", {
  day: "numeric",
  month: "long",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "Europe/Madrid",
});

/**
 * Notices that login was blocked after too many failures, on every contact the citizen
 * registered: until when, and how to lift it sooner — nothing that does not exist.
 */
export function lockNotices(citizen: Citizen, until: number): Message[] {
  const text =
    "Llave: el acceso con PIN, contraseña y códigos se ha bloqueado tras demasiados intentos " +
    `fallidos, hasta el ${day.format(until)}. Entrar con la app Llave lo desbloquea antes, y ` +
    "también una oficina de registro. Si no ha sido usted, avise en una oficina de registro.";
  return onEveryContact(citizen, "pin_locked", text);
}
