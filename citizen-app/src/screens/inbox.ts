/**
 * The inbox: the PINs sent to the app (big, copyable, with the agency and a countdown) and the
 * approval requests waiting for an answer, newest first, as the live feed has them; an empty
 * state otherwise; then the step-up code for password logins (../step-up-code.ts), when this
 * device has its seed. Shown only while the app is unlocked, so neither a PIN nor a code is
 * ever on screen for whoever picks up a locked phone.
 *
 * The list is updated in place (items keep their elements), so focus and the reading position
 * survive an item arriving or leaving.
 */
import type { Approval, InboxItem, TotpSetup } from "../api.ts";
import type { AppContext } from "../context.ts";
import { h } from "../dom.ts";
import type { FeedStatus, InboxFeed } from "../inbox-feed.ts";
import { stepUpCodeCard } from "../step-up-code.ts";

type Card = { element: HTMLLIElement; tick(): void };

/** "123 456": easier to read out and to type elsewhere; the copy is the bare digits. */
const grouped = (pin: string): string => pin.replace(/(\d{3})(?=\d)/g, "$1 ");

function pinCard(ctx: AppContext, item: Extract<InboxItem, { kind: "pin" }>): Card {
  const { t } = ctx;
  const headingId = `item-${item.id}`;
  const left = h("span", {});
  const copy = h("button", { type: "button", class: "secondary" }, t("inbox.pin.copy"));
  copy.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(item.pin);
      ctx.announce(t("inbox.pin.copied"));
    } catch {
      ctx.alert(t("inbox.pin.copyFailed"));
    }
  });
  const element = h(
    "li",
    { class: "card", "aria-labelledby": headingId },
    h(
      "h3",
      { id: headingId },
      item.agency ? t("inbox.pin.for", { agency: item.agency }) : t("inbox.pin.title"),
    ),
    h("p", { class: "pin", translate: "no" }, grouped(item.pin)),
    h("p", { class: "note" }, t("inbox.expiresIn"), " ", left),
    copy,
  );
  return { element, tick: () => (left.textContent = ctx.countdown(item.expiresAt)) };
}

/** "Madrid, ES · Chrome en Windows", or null when the server knows neither. */
export function origin(approval: Approval): string | null {
  const parts = [approval.location, approval.browser].filter(Boolean);
  return parts.length > 0 ? parts.join(" · ") : null;
}

function approvalCard(ctx: AppContext, item: Extract<InboxItem, { kind: "approval" }>): Card {
  const { t } = ctx;
  const { approval } = item;
  const headingId = `item-${item.id}`;
  const left = h("span", {});
  const open = h("button", { type: "button", class: "primary" }, t("inbox.approval.open"));
  open.addEventListener("click", () => ctx.go.approval(approval));
  const from = origin(approval);
  const element = h(
    "li",
    { class: "card request", "aria-labelledby": headingId },
    h("h3", { id: headingId }, t("inbox.approval.title", { agency: approval.agency })),
    from ? h("p", {}, t("inbox.approval.from", { origin: from })) : null,
    h("p", { class: "note" }, t("inbox.expiresIn"), " ", left),
    open,
  );
  return { element, tick: () => (left.textContent = ctx.countdown(item.expiresAt)) };
}

export function inboxScreen(ctx: AppContext, feed: InboxFeed, totp: TotpSetup | null): void {
  const { t } = ctx;
  const code = totp ? stepUpCodeCard(ctx, totp) : null;
  const list = h("ul", { class: "cards", "aria-labelledby": "inbox-title" });
  const empty = h(
    "div",
    { class: "empty" },
    h("p", {}, t("inbox.empty")),
    h("p", { class: "note" }, t("inbox.empty.hint")),
  );
  const scan = h("button", { type: "button", class: "secondary" }, t("action.scan"));
  scan.addEventListener("click", () => ctx.go.scan());
  const connection = h("p", { class: "note connection" });
  const cards = new Map<string, Card>();

  const showStatus = (status: FeedStatus) => {
    connection.dataset.status = status;
    connection.textContent = t(`inbox.connection.${status}`);
  };

  const render = () => {
    const items = feed.items();
    const live = new Set(items.map((item) => item.id));
    for (const [id, card] of cards) {
      if (live.has(id)) continue;
      card.element.remove();
      cards.delete(id);
    }
    items.forEach((item, index) => {
      let card = cards.get(item.id);
      if (!card) {
        card = item.kind === "pin" ? pinCard(ctx, item) : approvalCard(ctx, item);
        card.tick();
        cards.set(item.id, card);
      }
      // Keep the newest-first order without moving elements that are already in place.
      if (list.children[index] !== card.element) {
        list.insertBefore(card.element, list.children[index] ?? null);
      }
    });
    empty.hidden = items.length > 0;
    list.hidden = items.length === 0;
  };

  ctx.showScreen(
    h(
      "section",
      { class: "screen" },
      h("h2", { id: "inbox-title" }, t("inbox.title")),
      connection,
      list,
      empty,
      code?.element ?? null,
      scan,
    ),
    { section: "inbox" },
  );
  ctx.onLeave(
    feed.subscribe((event) => {
      if (event.kind === "status") showStatus(event.status);
      else render();
    }),
  );
  ctx.everySecond(() => {
    // Expired items leave on their own, even before the server says so.
    if (feed.items().length !== cards.size) render();
    for (const card of cards.values()) card.tick();
    code?.tick();
  });
  showStatus(feed.status());
  render();
}
