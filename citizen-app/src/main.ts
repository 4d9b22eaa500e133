/**
 * The citizen app (docs/mobile.md): an installable web app on the issuer's origin that holds
 * the device key. The worker renders the shell (`GET /app/`) with the boot data (./boot.ts);
 * this script decides where the citizen starts:
 *
 *  - no device key → activation (./screens/activation.ts), then choosing the app code;
 *  - a key but no app code (activation stopped half-way) → choosing the app code;
 *  - otherwise → unlock with the app code, then the inbox, live (./inbox-feed.ts).
 *
 * The app locks again after five minutes in the background, and forgets its key when the
 * server says the device is gone (`revoked` on the socket, `401 device_unknown`).
 */
import { appApi } from "./api.ts";
import { hasAppCode } from "./app-code.ts";
import { BOOT_ELEMENT_ID, type Boot } from "./boot.ts";
import { type AppContext, createContext, type ForgetReason, type Section } from "./context.ts";
import { h } from "./dom.ts";
import { type InboxFeed, inboxFeed } from "./inbox-feed.ts";
import { type Activated, activation } from "./screens/activation.ts";
import { chooseAppCode, unlockScreen } from "./screens/app-code.ts";
import { approvalScreen } from "./screens/approval.ts";
import { devicesScreen } from "./screens/devices.ts";
import { inboxScreen } from "./screens/inbox.ts";
import { scanScreen } from "./screens/scan.ts";
import { type DeviceRecord, load, save, wipe } from "./store.ts";

/** Hidden this long, the app asks for the app code again. */
const LOCK_AFTER_MS = 5 * 60 * 1000;

const byId = (id: string): HTMLElement => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`The app's page has no #${id}`);
  return element;
};

type State = {
  device: DeviceRecord | null;
  /** Present while unlocked. */
  feed: InboxFeed | null;
  forgetting: boolean;
  /**
   * The citizen is revoking this device: the socket's `revoked` may arrive before the answer
   * to the DELETE, and should read as what the citizen did, not as a revocation from elsewhere.
   */
  revokingHere: boolean;
};

/** The navigation bar: one button a section, the current one marked, and Lock. */
function navigation(ctx: () => AppContext, nav: HTMLElement) {
  const sections: Section[] = ["inbox", "scan", "devices"];
  const buttons = new Map<Section, HTMLButtonElement>();
  const badge = h("span", { class: "badge", hidden: true });
  const list = h("ul", {});
  for (const section of sections) {
    const button = h(
      "button",
      { type: "button", "data-section": section },
      ctx().t(`nav.${section}`),
      section === "inbox" ? badge : null,
    );
    button.addEventListener("click", () => ctx().go[section]());
    buttons.set(section, button);
    list.append(h("li", {}, button));
  }
  const lock = h("button", { type: "button", class: "lock" }, ctx().t("nav.lock"));
  lock.addEventListener("click", () => ctx().go.lock());
  list.append(h("li", {}, lock));
  nav.replaceChildren(list);
  return {
    show(section: Section | null, unlocked: boolean) {
      nav.hidden = !unlocked;
      for (const [id, button] of buttons) {
        if (id === section) button.setAttribute("aria-current", "page");
        else button.removeAttribute("aria-current");
      }
    },
    count(n: number) {
      badge.hidden = n === 0;
      badge.textContent = n === 0 ? "" : String(n);
      badge.setAttribute("aria-label", ctx().t("nav.pending", { count: n }));
    },
  };
}

function unsupported(main: HTMLElement, boot: Boot): void {
  main.replaceChildren(
    h(
      "section",
      { class: "screen" },
      h("h2", {}, boot.messages["unsupported.title"]),
      h("p", {}, boot.messages["error.unsupported"]),
    ),
  );
}

async function start(): Promise<void> {
  const boot = JSON.parse(byId(BOOT_ELEMENT_ID).textContent ?? "") as Boot;
  const main = byId("screen");
  const state: State = { device: null, feed: null, forgetting: false, revokingHere: false };

  const api = appApi({
    origin: boot.origin,
    keys: () => state.device?.keys ?? null,
    onDeviceUnknown: () => {
      if (state.device) void forget("revoked");
    },
  });

  let bar: ReturnType<typeof navigation> | null = null;
  const ctx: AppContext = createContext(
    boot,
    api,
    {
      main,
      status: byId("status"),
      alert: byId("alert"),
      navigate: (section) => bar?.show(section, state.feed !== null),
    },
    // The unlocked sections exist only while the app is unlocked (a feed is running).
    {
      inbox() {
        if (state.feed) inboxScreen(ctx, state.feed, state.device?.totp ?? null);
      },
      scan() {
        if (state.feed) scanScreen(ctx);
      },
      devices() {
        if (state.feed) devicesScreen(ctx);
      },
      approval(approval) {
        if (state.feed) approvalScreen(ctx, state.feed, approval);
      },
      lock: () => lock(),
      forget: (reason) => void forget(reason),
      async revokeThisDevice(deviceId) {
        state.revokingHere = true;
        const result = await api.revokeDevice(deviceId);
        if (!result.ok && result.problem.code !== "device_unknown") {
          state.revokingHere = false;
          return result.problem;
        }
        // The socket's `revoked` may have forgotten the key already.
        if (state.device) await forget("revoked_here");
        return null;
      },
    },
  );
  bar = navigation(() => ctx, byId("nav"));

  function lock(): void {
    state.feed?.stop();
    state.feed = null;
    bar?.count(0);
    if (!state.device) {
      activate(null);
      return;
    }
    unlockScreen(ctx, state.device.citizen, {
      unlocked,
      lockedOut: () => void forget("locked_out"),
      missing: () => chooseAppCode(ctx, unlocked, null),
    });
  }

  function unlocked(): void {
    const feed = inboxFeed(api, { revoked: () => void forget("revoked") });
    state.feed = feed;
    feed.subscribe((event) => {
      bar?.count(feed.items().length);
      if (event.kind === "added") {
        const { item } = event;
        ctx.announce(
          item.kind === "pin"
            ? ctx.t("inbox.new.pin")
            : ctx.t("inbox.new.approval", { agency: item.approval.agency }),
        );
      }
    });
    ctx.go.inbox();
    // The citizen's name and level may have changed since activation.
    void api.me().then(async (result) => {
      if (!result.ok || !state.device) return;
      state.device = { ...state.device, citizen: result.body.citizen };
      await save("device", state.device);
    });
  }

  function activate(reason: ForgetReason | null): void {
    activation(
      ctx,
      ({ record, revoked }: Activated) => {
        state.device = record;
        const notice = revoked > 0 ? ctx.t("activation.revokedOthers", { count: revoked }) : null;
        chooseAppCode(ctx, unlocked, notice);
      },
      reason,
    );
  }

  /** Forgets the key (after revoking it at the server when it is still good) and starts over. */
  async function forget(why: ForgetReason): Promise<void> {
    if (state.forgetting) return;
    const reason = state.revokingHere ? "revoked_here" : why;
    state.revokingHere = false;
    state.forgetting = true;
    state.feed?.stop();
    state.feed = null;
    bar?.count(0);
    const device = state.device;
    if (reason === "locked_out" && device) await api.revokeDevice(device.deviceId);
    state.device = null;
    await wipe();
    state.forgetting = false;
    activate(reason);
  }

  let hiddenAt: number | null = null;
  let lockTimer: number | undefined;
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") {
      hiddenAt = Date.now();
      if (state.feed) lockTimer = window.setTimeout(lock, LOCK_AFTER_MS);
      return;
    }
    window.clearTimeout(lockTimer);
    // Timers sleep with the page: the elapsed time decides, not the timer.
    if (state.feed && hiddenAt !== null && Date.now() - hiddenAt >= LOCK_AFTER_MS) lock();
    else state.feed?.wake();
  });

  if (!window.isSecureContext || !crypto.subtle || !("indexedDB" in window)) {
    return unsupported(main, boot);
  }
  try {
    state.device = (await load("device")) ?? null;
  } catch {
    return unsupported(main, boot);
  }
  if (!state.device) activate(null);
  else if (!(await hasAppCode())) chooseAppCode(ctx, unlocked, null);
  else lock();
}

function registerServiceWorker(): void {
  if (!("serviceWorker" in navigator)) return;
  // Offline start only: the app works without it.
  navigator.serviceWorker.register("/app/sw.js", { scope: "/app/" }).catch(() => undefined);
}

void start();
registerServiceWorker();
