/**
 * The login app: the screens of a login on the issuer's origin, full page or inside
 * `<llave-login>`. The worker renders the page around it (agency, what it asks for, language
 * switcher, cancel) and the boot data (./boot.ts); this script renders the method's screens
 * into `#screen`, and when the citizen is authenticated posts the page's continue form, whose
 * answer takes the browser back to the agency (a redirect, or in a frame a message to the
 * embedding page).
 */
import { BOOT_ELEMENT_ID, type Boot, type LoginStep, type MethodId } from "./boot.ts";
import { type AppContext, createContext } from "./context.ts";
import { h } from "./dom.ts";
import { connectFrame } from "./frame.ts";
import { basicCannotNote } from "./level-note.ts";
import { startMobile } from "./mobile-method.ts";
import { startPassword } from "./password-method.ts";
import { startPin } from "./pin-method.ts";

type StartMethod = (ctx: AppContext, options: { focus: boolean }) => void;

/** Each login method's first screen. */
const METHODS: Record<MethodId, StartMethod> = {
  pin: startPin,
  password: startPassword,
  mobile: startMobile,
};

/** The method a login already under way belongs to (a reload resumes it). */
const RESUMES: Partial<Record<LoginStep["kind"], MethodId>> = {
  pin_sent: "pin",
  change_required: "password",
  second_factor: "password",
  activation_otp: "password",
  choose_password: "password",
  mobile_waiting: "mobile",
  mobile_ended: "mobile",
};

/**
 * A login under way resumes its method; otherwise, with more than one usable method the
 * citizen picks, and with one it starts at once.
 */
function chooseMethod(ctx: AppContext, options: { focus: boolean }): void {
  const resumed = RESUMES[ctx.boot.step.kind];
  if (resumed) {
    METHODS[resumed](ctx, options);
    return;
  }
  const [only, ...others] = ctx.boot.methods;
  if (only && others.length === 0) {
    METHODS[only](ctx, options);
    return;
  }
  offerMethods(ctx, options);
}

/** The list of methods; also where a method's "other method" link leads. */
function offerMethods(ctx: AppContext, options: { focus: boolean }): void {
  const choices = ctx.boot.methods.map((id) => {
    const button = h(
      "button",
      { type: "button", class: "method" },
      h("strong", {}, ctx.t(`method.${id}`)),
      h("span", {}, ctx.t(`method.${id}.description`)),
    );
    button.addEventListener("click", () => {
      // The browser's Back button comes back to this list (see `backToMethods`).
      history.pushState({ [HISTORY_KEY]: id }, "");
      // Chosen from the list, a method starts at its first screen: the step the page was
      // loaded at (a reload's resume) is behind the citizen now.
      ctx.boot.step = { kind: "started" };
      METHODS[id](ctx, { focus: true });
    });
    return h("li", {}, button);
  });
  ctx.showScreen(
    h(
      "section",
      { class: "screen" },
      h("h2", {}, ctx.t("methods.title")),
      basicCannotNote(ctx),
      h("ul", { class: "methods" }, choices),
    ),
    options,
  );
}

/** Marks the history entry a method's screens were shown on. */
const HISTORY_KEY = "llaveMethod";

const onMethodEntry = () =>
  typeof history.state === "object" && history.state !== null && HISTORY_KEY in history.state;

/**
 * "Choose another method" and the browser's Back button lead to the same list: going back
 * from the entry that choosing a method pushed, the list is shown (popstate), so the history
 * never keeps a stale method entry.
 */
function backToMethods(ctx: AppContext): void {
  if (onMethodEntry()) history.back();
  else offerMethods(ctx, { focus: true });
}

const byId = (id: string): HTMLElement => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`The login page has no #${id}`);
  return element;
};

function expired(ctx: AppContext): void {
  ctx.showScreen(
    h(
      "section",
      { class: "screen" },
      h("h2", {}, ctx.t("expired.title")),
      h("p", {}, ctx.t("expired.text", { minutes: ctx.boot.loginTtlMinutes })),
    ),
  );
}

function start(): void {
  const boot = JSON.parse(byId(BOOT_ELEMENT_ID).textContent ?? "") as Boot;
  const continueForm = byId("continue") as HTMLFormElement;
  const cancelForm = document.querySelector<HTMLFormElement>("form.cancel");
  if (!cancelForm) throw new Error("The login page has no cancel form");
  const frame = boot.frameOrigin ? connectFrame(boot.frameOrigin) : null;
  let ended = false;
  const ctx = createContext(
    boot,
    { main: byId("screen"), status: byId("status"), alert: byId("alert"), cancel: cancelForm },
    {
      finish() {
        if (ended) return;
        ended = true;
        continueForm.requestSubmit();
      },
      cancel() {
        if (ended) return;
        ended = true;
        cancelForm.requestSubmit();
      },
      expire() {
        if (ended) return;
        ended = true;
        expired(ctx);
      },
      chooseMethod: () => backToMethods(ctx),
    },
  );
  window.addEventListener("popstate", () => {
    if (ended || onMethodEntry() || boot.methods.length < 2) return;
    offerMethods(ctx, { focus: true });
  });
  if (boot.step.kind === "authenticated") ctx.finish();
  else if (ctx.now() >= boot.expiresAt) ctx.expire();
  // In a frame the agency's page keeps the focus until the citizen moves into the frame.
  else chooseMethod(ctx, { focus: frame === null });
  // The first screen is interactive: the login-page bench reads this mark.
  performance.mark("llave:interactive");
  frame?.ready();
}

start();
