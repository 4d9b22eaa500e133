/**
 * Messages of the password method: the SMS one-time code, the activation code by SMS, and the
 * notices that tell a citizen on every contact when something changed about their password —
 * so that nobody can activate, change, block or cancel it unnoticed.
 */
import { type Message, onEveryContact } from "../../delivery/delivery.ts";
import { type Texts, untilText } from "../../i18n/server-i18n.ts";
import type { Citizen } from "../../storage/account-store.ts";
import { formatActivationCode } from "./activation-code.ts";

/** The SMS carrying a step-up or activation code; null without a mobile. */
export function otpMessage(
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
    kind: "otp",
    text: lang.t("sms.otp", { code, time: lang.time(expiresAt) }),
  };
}

export function activationCodeMessage(
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
    kind: "activation_code",
    text: lang.t("sms.activation", {
      code: formatActivationCode(code),
      date: lang.date(expiresAt),
    }),
  };
}

export type PasswordNotice = "activated" | "changed" | "blocked" | "cancelled" | "code_issued";

/** The notice on every contact the citizen registered (SMS and e-mail). */
export function passwordNotices(
  citizen: Citizen,
  notice: PasswordNotice,
  lang: Texts,
  until?: number,
): Message[] {
  const what = lang.t(`notice.password.${notice}`, { until: until ? untilText(lang, until) : "" });
  const text = `${what} ${lang.t("notice.notYou")}`;
  return onEveryContact(citizen, `password_${notice}`, text);
}

/** "•••••••12": enough for the citizen to recognise the number, too little to learn it. */
export const mobileHint = (mobile: string | null): string | null =>
  mobile ? `${"•".repeat(Math.max(0, mobile.length - 5))}${mobile.slice(-2)}` : null;
