/**
 * What the service's level of assurance means for the citizen, said before any secret is
 * sent (issue 15): a basic registration cannot reach a level above its cap by any method, and
 * an SMS PIN may prove less than the service needs. Both follow from the boot data alone
 * (the level asked, the configured levels), never from who the citizen is, so they read the
 * same for every document (docs/login-experience.md, "Levels before secrets").
 */
import { reaches } from "./boot.ts";
import type { AppContext } from "./context.ts";
import { h } from "./dom.ts";

/** "A basic registration cannot enter this service", when that is so; else null. */
export function basicCannotNote(ctx: AppContext): HTMLElement | null {
  if (reaches(ctx.boot.basicRegistrationCap, ctx.boot.level)) return null;
  return h("p", { class: "note level-note" }, ctx.t("level.basicCannot"));
}

/** True when a PIN sent by SMS proves the level the service asks for. */
export const smsPinReaches = (ctx: AppContext): boolean =>
  reaches(ctx.boot.pin.levels.sms, ctx.boot.level);

/** True when a basic registration can reach the service's level at all. */
export const basicReaches = (ctx: AppContext): boolean =>
  reaches(ctx.boot.basicRegistrationCap, ctx.boot.level);

/** "Choose another method", back to the list, when the login offers more than one; else null. */
export function otherMethodLink(ctx: AppContext): HTMLButtonElement | null {
  if (ctx.boot.methods.length < 2) return null;
  const link = h("button", { type: "button", class: "link" }, ctx.t("action.otherMethod"));
  link.addEventListener("click", () => ctx.chooseMethod());
  return link;
}
