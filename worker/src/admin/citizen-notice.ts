/**
 * What a citizen is told when an operator suspends or reinstates their account: on every
 * registered contact, so that nobody can do it unnoticed. The operator's reason stays in the
 * audit log; it may name an investigation the citizen is not to be told about.
 */
import { type Message, onEveryContact } from "../delivery/delivery.ts";
import type { Citizen } from "../storage/account-store.ts";

const NOTICES = {
  suspended:
    "Llave: su cuenta ha sido suspendida. Se han cerrado sus sesiones y los servicios ya no pueden usar sus accesos. Para saber por qué o recuperarla, acuda a una oficina de registro.",
  reinstated:
    "Llave: su cuenta vuelve a estar activa y puede identificarse de nuevo. Si no lo esperaba, acuda a una oficina de registro.",
} as const;

export const standingNotices = (citizen: Citizen, notice: keyof typeof NOTICES): Message[] =>
  onEveryContact(citizen, `citizen_${notice}`, NOTICES[notice]);
