/**
 * The citizen's devices (docs/mobile.md "Devices"): each with its name, when it was activated
 * and last used, this one marked; rename (1–60 characters) and revoke, after a confirmation
 * that says what revoking means. Revoking this device logs the app out: the key is forgotten.
 */
import type { Device } from "../api.ts";
import type { AppContext } from "../context.ts";
import { field, h } from "../dom.ts";
import { busy, report } from "../problems.ts";

const MAX_NAME = 60;

export function devicesScreen(ctx: AppContext): void {
  const { t } = ctx;
  const list = h("ul", { class: "cards", "aria-labelledby": "devices-title", "aria-busy": "true" });
  const loading = h("p", { class: "note" }, t("status.loading"));

  const load = async (focusId?: string) => {
    const result = await ctx.api.devices();
    loading.hidden = true;
    list.removeAttribute("aria-busy");
    if (!result.ok) return report(ctx, result.problem);
    const devices = result.body.devices;
    list.replaceChildren(...devices.map((device) => deviceCard(device)));
    if (focusId) list.querySelector<HTMLElement>(`#device-${CSS.escape(focusId)} h3`)?.focus();
  };

  function deviceCard(device: Device): HTMLLIElement {
    const headingId = `device-${device.id}-name`;
    const actions = h("div", { class: "actions" });
    const card = h(
      "li",
      {
        class: "card",
        id: `device-${device.id}`,
        "aria-labelledby": headingId,
        "data-status": device.status,
      },
      h(
        "h3",
        { id: headingId, tabindex: -1 },
        device.name,
        device.current ? " " : null,
        device.current ? h("span", { class: "badge" }, t("devices.current")) : null,
      ),
      h("p", { class: "note" }, t("devices.created", { date: ctx.dateTime(device.createdAt) })),
      h(
        "p",
        { class: "note" },
        device.lastUsedAt === null
          ? t("devices.neverUsed")
          : t("devices.lastUsed", { date: ctx.dateTime(device.lastUsedAt) }),
      ),
      device.status === "revoked" ? h("p", { class: "note" }, t("devices.revoked")) : actions,
    );
    const showActions = () => {
      const rename = h("button", { type: "button", class: "secondary" }, t("action.rename"));
      const revoke = h("button", { type: "button", class: "secondary" }, t("action.revoke"));
      rename.addEventListener("click", () => renameForm());
      revoke.addEventListener("click", () => confirmRevoke());
      actions.replaceChildren(rename, revoke);
      return { rename, revoke };
    };

    const renameForm = () => {
      const name = field(`name-${device.id}`, t("devices.name.label"), null, {
        autocomplete: "off",
        maxlength: MAX_NAME,
        required: true,
        value: device.name,
      });
      const save = h("button", { type: "submit", class: "primary" }, t("action.save"));
      const cancel = h("button", { type: "button", class: "secondary" }, t("action.cancel"));
      const form = h("form", { novalidate: true }, name.root, save, cancel);
      cancel.addEventListener("click", () => showActions().rename.focus());
      form.addEventListener("submit", async (event) => {
        event.preventDefault();
        const chosen = name.input.value.trim();
        name.setError(chosen.length >= 1 && chosen.length <= MAX_NAME ? null : t("error.name"));
        if (name.hasError()) return name.input.focus();
        const finished = busy(save, ctx);
        const result = await ctx.api.renameDevice(device.id, chosen);
        finished();
        if (!result.ok) return report(ctx, result.problem, name);
        ctx.announce(t("devices.renamed"));
        await load(device.id);
      });
      actions.replaceChildren(form);
      name.input.focus();
    };

    const confirmRevoke = () => {
      const yes = h("button", { type: "button", class: "danger" }, t("action.revokeConfirm"));
      const no = h("button", { type: "button", class: "secondary" }, t("action.keep"));
      const question = h(
        "div",
        { class: "confirm", role: "group", "aria-labelledby": `confirm-${device.id}` },
        h("p", { id: `confirm-${device.id}` }, t("devices.confirm", { name: device.name })),
        h("p", {}, t(device.current ? "devices.confirm.current" : "devices.confirm.other")),
        yes,
        no,
      );
      no.addEventListener("click", () => showActions().revoke.focus());
      yes.addEventListener("click", async () => {
        const finished = busy(yes, ctx);
        if (device.current) {
          const problem = await ctx.go.revokeThisDevice(device.id);
          finished();
          if (problem) report(ctx, problem);
          return;
        }
        const result = await ctx.api.revokeDevice(device.id);
        finished();
        if (!result.ok) return report(ctx, result.problem);
        ctx.announce(t("devices.revokedNow", { name: device.name }));
        await load(device.id);
      });
      actions.replaceChildren(question);
      no.focus();
    };

    if (device.status === "active") showActions();
    return card;
  }

  ctx.showScreen(
    h(
      "section",
      { class: "screen" },
      h("h2", { id: "devices-title" }, t("devices.title")),
      h("p", {}, t("devices.intro")),
      loading,
      list,
    ),
    { section: "devices" },
  );
  void load();
}
