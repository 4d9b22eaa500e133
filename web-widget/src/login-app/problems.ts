/**
 * The login API's problems (`application/problem+json`, ./api.ts) as the citizen reads them,
 * for every method: one switch from wire code to message, so the same code reads the same on
 * every screen. Field-specific problems (a document, a contrast datum, a weak password) are
 * put on their field by the screen; everything else goes to the alert region.
 */
import type { Problem } from "./api.ts";
import type { AppContext } from "./context.ts";
import type { Field } from "./field.ts";

/** A problem that is not about one field, as the sentence to show; null = login expired. */
export function problemMessage(ctx: AppContext, problem: Problem): string | null {
  const wait = ctx.duration(problem.retryAfter ?? 0);
  const tries = problem.triesLeft ?? 0;
  switch (problem.code) {
    case "login_expired":
    case "login_not_found":
      return null;
    case "network":
      return ctx.t("error.network");
    // The page lost its binding cookie (or is someone else's login): nothing here can go on.
    case "login_other_browser":
      return ctx.t("error.login_other_browser");
    case "pin_locked":
    case "password_locked":
    case "login_blocked": {
      // A lockout ends by itself: say when, in the citizen's words (errors.ts lockedProblem).
      const until = Date.parse(problem.lockedUntil ?? "");
      const when = Number.isNaN(until) ? wait : `${ctx.date(until)} ${ctx.time(until)}`;
      return ctx.t(`error.${problem.code}`, { when });
    }
    case "pin_expired":
    case "pin_not_active":
    case "too_many_pin_requests":
    case "channel_unavailable":
    case "otp_expired":
    case "otp_not_active":
    case "otp_used":
    case "no_app_device":
    case "activation_code_invalid":
    case "invalid_activation_code":
      return ctx.t(`error.${problem.code}`);
    case "pin_backoff":
    case "resend_cooldown":
    case "sms_fallback_not_yet":
    case "login_backoff":
    case "rate_limited":
    case "password_busy":
    case "push_paused":
    case "push_limit":
      return ctx.t(`error.${problem.code}`, { time: wait });
    case "otp_send_limit":
      // A wait of up to an hour reads better as the time it ends.
      return ctx.t("error.otp_send_limit", {
        time: ctx.time(ctx.now() + (problem.retryAfter ?? 0) * 1000),
      });
    case "invalid_pin":
      return tries > 0 ? ctx.t("error.invalid_pin", { tries }) : ctx.t("error.invalid_pin.last");
    case "invalid_otp":
      return tries > 0 ? ctx.t("error.invalid_otp", { tries }) : ctx.t("error.invalid_otp.last");
    case "invalid_credentials":
      // The same for every document: no tries left, no pause (docs/password.md).
      return ctx.t("error.invalid_credentials");
    default:
      return ctx.t("error.unknown");
  }
}

/** Puts the problem on the screen (on `where`, or announced), or ends the expired login. */
export function report(ctx: AppContext, problem: Problem, where: Field | null): void {
  const message = problemMessage(ctx, problem);
  if (message === null) {
    ctx.expire();
  } else if (where) {
    where.setError(message);
    where.input.focus();
  } else {
    ctx.alert(message);
  }
}

/** Shows the field's own message for a problem instead of the generic one. */
export function withError(f: Field, message: string): Field {
  f.setError(message);
  f.input.focus();
  return { ...f, setError: () => undefined };
}

/** Marks a button as working until the returned function is called. */
export function busy(button: HTMLButtonElement, ctx: AppContext, label: string): () => void {
  button.disabled = true;
  button.setAttribute("aria-busy", "true");
  button.textContent = ctx.t("status.sending");
  return () => {
    button.disabled = false;
    button.removeAttribute("aria-busy");
    button.textContent = label;
  };
}
