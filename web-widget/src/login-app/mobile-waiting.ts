/**
 * The mobile method's screens while the app decides, and after (docs/mobile.md):
 *
 *  - waiting: the animated QR (QR mode) or the request sent (push mode), the two-digit number
 *    to pick in the app, the agency the app will name, a countdown; the status followed
 *    (./mobile-status.ts) until the app answers;
 *  - expired: the QR or request lapsed; start again;
 *  - ended: the app declined, said "I did not start this", or a wrong number was picked. The
 *    login is over on the server, so the only way on is back to the service (the page's
 *    cancel form): a second try must not be offered to someone guessing the number.
 *
 * Only changes of the status are announced (politely): the instruction line is the live region,
 * and its text changes with the status only. The QR's frames, the countdown and the number are
 * plain text and images, never live.
 */
import type { MobileStatus, Problem } from "./api.ts";
import type { LoginStep } from "./boot.ts";
import type { AppContext } from "./context.ts";
import { h } from "./dom.ts";
import { followStatus } from "./mobile-status.ts";
import { problemMessage } from "./problems.ts";
import { qrCode } from "./qr-code.ts";

export type MobileMode = MobileStatus["mode"];
export type EndReason = Extract<LoginStep, { kind: "mobile_ended" }>["reason"];

/** Where the waiting screens lead, given by ./mobile-method.ts. */
export type Ways = {
  /** After `expired`: a new QR, or the push request again; `button` shows the work. */
  again(mode: MobileMode, button: HTMLButtonElement): void;
  /** "Another way": QR or push, and from there the other methods. */
  back(): void;
};

const pad = (n: number) => String(n).padStart(2, "0");
/** A countdown as "4:05". */
const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${pad(seconds % 60)}`;

/** Handles the statuses that end the waiting; false for `waiting` and `scanned`. */
function settled(ctx: AppContext, status: MobileStatus, ways: Ways): boolean {
  switch (status.status) {
    case "waiting":
    case "scanned":
      return false;
    case "authenticated":
      ctx.announce(ctx.t("status.verified"));
      ctx.finish();
      return true;
    case "expired":
      expiredScreen(ctx, status.mode, ways);
      return true;
    default:
      endedScreen(ctx, status.status, { focus: true });
      return true;
  }
}

function backLink(ctx: AppContext, ways: Ways): HTMLButtonElement {
  const back = h("button", { type: "button", class: "link" }, ctx.t("mobile.back"));
  back.addEventListener("click", () => ways.back());
  return back;
}

/** A problem the status cannot recover from: the login expired, or start over from the choice. */
function stopped(ctx: AppContext, ways: Ways) {
  return (problem: Problem) => {
    const message = problemMessage(ctx, problem);
    if (message === null) return ctx.expire();
    ways.back();
    ctx.alert(message);
  };
}

/** The non-blocking "connection lost" line: its own live region, empty while all is well. */
function connectionNotice(ctx: AppContext): { element: HTMLElement; trouble(down: boolean): void } {
  const element = h("p", { class: "notice", role: "status" });
  return {
    element,
    trouble(down) {
      element.textContent = down ? ctx.t("mobile.reconnecting") : "";
    },
  };
}

/** After a reload: the mode is known from the boot, the rest from the first status. */
export function resumeWaiting(
  ctx: AppContext,
  mode: MobileMode,
  ways: Ways,
  options: { focus: boolean },
): void {
  const { t } = ctx;
  const notice = connectionNotice(ctx);
  ctx.showScreen(
    h(
      "section",
      { class: "screen" },
      h("h2", {}, t(mode === "qr" ? "mobile.qr.title" : "mobile.push.waitingTitle")),
      h("p", {}, t("mobile.loading")),
      notice.element,
      backLink(ctx, ways),
    ),
    options,
  );
  followStatus(ctx, 0, {
    status(status) {
      waitingScreen(ctx, status, ways, options);
      return false;
    },
    trouble: notice.trouble,
    problem: stopped(ctx, ways),
  });
}

/** The QR or the request sent, the number, the countdown; follows the status from `first`. */
export function waitingScreen(
  ctx: AppContext,
  first: MobileStatus,
  ways: Ways,
  options: { focus: boolean },
): void {
  const { t, boot } = ctx;
  if (settled(ctx, first, ways)) return;
  const { mode } = first;
  const qr = mode === "qr" ? qrCode(t("mobile.qr.label")) : null;
  // Shown instead of the QR when no fresh frame came in time: the app would refuse the last one.
  const paused = h("p", { hidden: true }, t("mobile.qr.paused"));
  const qrBox = qr ? h("div", { class: "qr" }, qr.element, paused) : null;
  // For the app in another window of this computer, where no camera can see the screen: the
  // current frame's text, to paste in the app within the few seconds a frame is valid.
  // The text is also shown, selected on focus: copying by hand works where the clipboard API
  // is refused (a frame without the permission, an old browser).
  const frameText = h("input", {
    type: "text",
    readonly: true,
    class: "qr-text",
    "aria-label": t("mobile.qr.copyTitle"),
  });
  frameText.addEventListener("focus", () => frameText.select());
  const copy = h("button", { type: "button", class: "link" }, t("mobile.qr.copy"));
  copy.addEventListener("click", () => {
    frameText.select();
    const copied = navigator.clipboard
      ? navigator.clipboard.writeText(frameText.value)
      : Promise.reject(new Error("no clipboard"));
    copied.then(
      () => ctx.announce(t("mobile.qr.copied")),
      () => frameText.focus(),
    );
  });
  const copyBox = qr
    ? h(
        "details",
        { class: "qr-copy" },
        h("summary", {}, t("mobile.qr.copyTitle")),
        h("p", { class: "note" }, t("mobile.qr.copyHint")),
        frameText,
        copy,
      )
    : null;
  const instruction = h("p", { role: "status" });
  const number = h("strong", { class: "number" });
  const countdown = h("p", { class: "countdown" });
  const notice = connectionNotice(ctx);

  let expiresAt = first.expiresAt ?? 0;
  let frameAt = 0;
  let warned = false;
  // Only text that differs is written: the instruction is a live region, and rewriting the
  // same words with each frame could make a screen reader repeat them every second.
  const write = (element: HTMLElement, text: string) => {
    if (element.textContent !== text) element.textContent = text;
  };
  const render = (status: MobileStatus) => {
    const scanned = status.status === "scanned";
    if (status.number !== null) write(number, pad(status.number));
    if (status.expiresAt !== null) expiresAt = status.expiresAt;
    write(
      instruction,
      scanned
        ? // Every language ends this message where the number fits ("… elija el número 47").
          `${t("mobile.scanned")} ${number.textContent}`
        : t(mode === "qr" ? "mobile.qr.instruction" : "mobile.push.sent"),
    );
    if (qr && status.frame) {
      qr.draw(status.frame);
      frameText.value = status.frame;
      frameAt = Date.now();
    }
    if (qrBox) qrBox.hidden = scanned;
    if (copyBox) copyBox.hidden = scanned;
  };
  render(first);

  ctx.showScreen(
    h(
      "section",
      { class: "screen mobile" },
      h("h2", {}, t(mode === "qr" ? "mobile.qr.title" : "mobile.push.waitingTitle")),
      instruction,
      qrBox,
      copyBox,
      h(
        "p",
        { class: "match" },
        h("span", {}, t(mode === "qr" ? "mobile.qr.number" : "mobile.push.number")),
        number,
      ),
      h("p", { class: "note" }, t("mobile.agency", { agency: boot.agency })),
      countdown,
      notice.element,
      backLink(ctx, ways),
    ),
    options,
  );

  ctx.everySecond(() => {
    if (ctx.now() >= boot.expiresAt) return ctx.expire();
    // Never more than the approval's lifetime: clock rounding would show 5:01 at the start.
    const left = Math.min(
      boot.mobile.approvalTtlSeconds,
      Math.max(0, Math.ceil((expiresAt - ctx.now()) / 1000)),
    );
    countdown.textContent = t("mobile.timeLeft", { time: clock(left) });
    if (left > 0 && left <= 60 && !warned) ctx.announce(t("mobile.timeLeftSoon"));
    warned ||= left <= 60;
    if (qr) {
      const stale = Date.now() - frameAt > boot.mobile.qrMaxAgeSeconds * 1000;
      qr.element.toggleAttribute("hidden", stale);
      paused.hidden = !stale;
    }
  });

  followStatus(ctx, first.version, {
    status(status) {
      if (settled(ctx, status, ways)) return false;
      render(status);
      return true;
    },
    trouble: notice.trouble,
    problem: stopped(ctx, ways),
  });
}

/** The QR or the request lapsed before the app answered: start again, or another way. */
function expiredScreen(ctx: AppContext, mode: MobileMode, ways: Ways): void {
  const { t, boot } = ctx;
  const again = h(
    "button",
    { type: "button", class: "primary" },
    t(mode === "qr" ? "action.newQr" : "action.newPush"),
  );
  again.addEventListener("click", () => ways.again(mode, again));
  ctx.showScreen(
    h(
      "section",
      { class: "screen" },
      h("h2", {}, t(mode === "qr" ? "mobile.expired.qr" : "mobile.expired.push")),
      h("p", {}, t("mobile.expired.text", { time: ctx.duration(boot.mobile.approvalTtlSeconds) })),
      again,
      backLink(ctx, ways),
    ),
  );
  ctx.everySecond(() => {
    if (ctx.now() >= boot.expiresAt) ctx.expire();
  });
}

/** The app ended the login: the only way on is back to the service. */
export function endedScreen(ctx: AppContext, reason: EndReason, options: { focus: boolean }): void {
  const { t } = ctx;
  const back = h("button", { type: "button", class: "primary" }, t("action.backToService"));
  back.addEventListener("click", () => ctx.cancel());
  ctx.showScreen(
    h(
      "section",
      { class: "screen ended" },
      h("h2", {}, t(`mobile.ended.${reason}`)),
      h("p", {}, t(`mobile.ended.${reason}.text`)),
      back,
    ),
    // Its button is the page's cancel under a truer name: one way back, not two.
    { ...options, ownEnd: true },
  );
}
