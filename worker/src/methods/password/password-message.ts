/**
 * Messages of the password method: the SMS one-time code, the activation code by SMS, and the
 * notices that tell a citizen on every contact when something changed about their password —
 * so that nobody can activate, change, block or cancel it unnoticed.
 */
import { type Message, onEveryContact } from "../../delivery/delivery.ts";
import type { Citizen } from "../../storage/account-store.ts";
import { formatActivationCode } from "./activation-code.ts";

const clockTime = new Intl.DateTimeFormat("es-ES", {
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "Europe/Madrid",
});
const day = new Intl.DateTimeFormat("es-ES", { dateStyle: "long", timeZone: "Europe/Madrid" });

/** The SMS carrying a step-up or activation code; null without a mobile. */
export function otpMessage(citizen: Citizen, code: string, expiresAt: number): Message | null {
  if (!citizen.mobile) return null;
  return {
    channel: "sms",
    to: citizen.mobile,
    citizenId: citizen.id,
    kind: "otp",
    text: `Llave: su código de verificación es ${code}. Válido hasta las ${clockTime.format(expiresAt)}. No lo comparta con nadie.`,
  };
}

export function activationCodeMessage(
  citizen: Citizen,
  code: string,
  expiresAt: number,
): Message | null {
  if (!citizen.mobile) return null;
  return {
    channel: "sms",
    to: citizen.mobile,
    citizenId: citizen.id,
    kind: "activation_code",
    text: `Llave: su código de activación de la contraseña es ${formatActivationCode(code)}. Válido hasta el ${day.format(expiresAt)}.`,
  };
}

export type PasswordNotice = "activated" | "changed" | "blocked" | "cancelled" | "code_issued";

const pauseEnd = new Intl.DateTimeFormat("es-ES", {
  day: "numeric",
  month: "long",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "Europe/Madrid",
});

const NOTICES: Record<PasswordNotice, string> = {
  activated: "Llave: se ha activado su contraseña permanente.",
  changed: "Llave: se ha cambiado su contraseña permanente.",
  blocked:
    "Llave: su contraseña se ha pausado tras varios intentos fallidos. Podrá volver a usarla desde el {until}; entrar con la app Llave, o una oficina de registro, la desbloquea antes.",
  cancelled: "Llave: se ha cancelado su contraseña permanente.",
  code_issued: "Llave: se ha emitido un nuevo código de activación para su contraseña.",
};

/** The notice on every contact the citizen registered (SMS and e-mail). */
export function passwordNotices(
  citizen: Citizen,
  notice: PasswordNotice,
  until?: number,
): Message[] {
  const what = NOTICES[notice].replace("{until}", until ? pauseEnd.format(until) : "");
  const text = `${what} Si no ha sido usted, contacte con una oficina de registro.`;
  return onEveryContact(citizen, `password_${notice}`, text);
}

/** "•••••••12": enough for the citizen to recognise the number, too little to learn it. */
export const mobileHint = (mobile: string | null): string | null =>
  mobile ? `${"•".repeat(Math.max(0, mobile.length - 5))}${mobile.slice(-2)}` : null;
