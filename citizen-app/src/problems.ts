/**
 * The app API's problems (`application/problem+json`, ./api.ts) as the citizen reads them: one
 * switch from wire code to sentence, so a code reads the same on every screen. Screens put
 * field problems on their field; the rest go to the alert region.
 */
import type { Problem } from "./api.ts";
import type { AppContext } from "./context.ts";
import type { Field } from "./dom.ts";

export function problemMessage(ctx: AppContext, problem: Problem): string {
  const { t } = ctx;
  const tries = problem.triesLeft ?? 0;
  switch (problem.code) {
    case "network":
    case "otp_expired":
    case "otp_not_active":
    case "login_blocked":
    case "device_exists":
    case "device_unknown":
    case "invalid_dpop_proof":
    case "qr_invalid":
    case "qr_stale":
    case "qr_used":
    case "login_expired":
    case "wrong_number":
    case "approval_expired":
    case "approval_answered":
    case "approval_not_found":
    case "device_not_found":
      return t(`error.${problem.code}`);
    case "rate_limited":
    case "login_backoff":
      return t(`error.${problem.code}`, { time: ctx.duration(problem.retryAfter ?? 60) });
    case "invalid_otp":
      return tries > 0 ? t("error.invalid_otp", { tries }) : t("error.invalid_otp.last");
    default:
      return t("error.unknown");
  }
}

/** Puts the problem on `where` (its field), or announces it. */
export function report(ctx: AppContext, problem: Problem, where: Field | null = null): void {
  const message = problemMessage(ctx, problem);
  if (where) {
    where.setError(message);
    where.input.focus();
  } else {
    ctx.alert(message);
  }
}

/** Marks a button as working until the returned function is called. */
export function busy(button: HTMLButtonElement, ctx: AppContext): () => void {
  const label = button.textContent ?? "";
  button.disabled = true;
  button.setAttribute("aria-busy", "true");
  button.textContent = ctx.t("status.working");
  return () => {
    button.disabled = false;
    button.removeAttribute("aria-busy");
    button.textContent = label;
  };
}
