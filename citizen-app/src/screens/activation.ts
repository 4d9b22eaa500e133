/**
 * Activation (docs/mobile.md "Activation"), in two screens:
 *
 *  1. the document and its contrast datum; "Send me a code" asks the server to send an SMS
 *     code (the answer is the same whether or not the data match a citizen);
 *  2. the SMS code and a name for this device; the device key is made here (P-256,
 *     non-extractable) and registered with a proof made with it.
 *
 * The key is made once per second screen and kept across wrong codes, so that an answer lost
 * on the way (`device_exists` on the retry) can be recovered with `GET /api/app/me` — without
 * the step-up codes' seed, which only the lost answer carried.
 */
import type { ActivationStarted, Identity, Registered } from "../api.ts";
import type { AppContext, ForgetReason } from "../context.ts";
import { deviceParts, type UserAgentData } from "../device-name.ts";
import { field, h } from "../dom.ts";
import { contrastError, documentError, identityFields } from "../identity-fields.ts";
import { busy, report } from "../problems.ts";
import { type DeviceKeys, generateDeviceKeys } from "../proof.ts";
import { type DeviceRecord, save } from "../store.ts";

const CODE = /^[0-9]{6}$/;
const MAX_NAME = 60;

export type Activated = { record: DeviceRecord; revoked: number };

/** The first screen; `reason` says why the app is asking again (the key was forgotten). */
export function activation(
  ctx: AppContext,
  done: (activated: Activated) => void,
  reason: ForgetReason | null = null,
  previous?: Identity,
): void {
  const { t } = ctx;
  const fields = identityFields(ctx, previous);
  const submit = h("button", { type: "submit", class: "primary" }, t("action.sendCode"));
  const form = h("form", { novalidate: true }, fields.nodes, submit);

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const invalid = fields.check();
    if (invalid) return invalid.input.focus();
    const identity: Identity = {
      document: fields.document.input.value.trim(),
      contrast: fields.datum(),
    };
    const finished = busy(submit, ctx);
    const result = await ctx.api.startActivation(identity);
    finished();
    if (result.ok) return enterCode(ctx, done, identity, result.body);
    const { problem } = result;
    if (problem.code === "invalid_document") {
      fields.document.setError(documentError(ctx, problem.reason));
      return fields.document.input.focus();
    }
    if (problem.code === "invalid_contrast_datum") {
      fields.contrast.setError(contrastError(ctx, problem.reason));
      return fields.contrast.input.focus();
    }
    report(ctx, problem);
  });

  ctx.showScreen(
    h(
      "section",
      { class: "screen" },
      h("h2", {}, t("activation.title")),
      reason ? h("p", { class: "notice" }, t(`forgotten.${reason}`)) : null,
      h("p", {}, t("activation.intro")),
      form,
    ),
    { section: null },
  );
}

/** "Chrome en Android", or the generic name when nothing is recognised. */
function defaultName(ctx: AppContext): string {
  const data = (navigator as Navigator & { userAgentData?: UserAgentData }).userAgentData;
  const { browser, os } = deviceParts(navigator.userAgent, data);
  if (browser && os) return ctx.t("device.default", { browser, os });
  return browser ?? os ?? ctx.t("device.generic");
}

function enterCode(
  ctx: AppContext,
  done: (activated: Activated) => void,
  identity: Identity,
  started: ActivationStarted,
): void {
  const { t } = ctx;
  let activationId = started.activationId;
  let resendAt = ctx.now() + started.resendAfter * 1000;
  let keys: DeviceKeys | null = null;

  const code = field("code", t("activation.code.label"), t("activation.code.hint"), {
    inputmode: "numeric",
    autocomplete: "one-time-code",
    maxlength: 6,
    required: true,
  });
  const name = field("device-name", t("activation.name.label"), t("activation.name.hint"), {
    autocomplete: "off",
    maxlength: MAX_NAME,
    required: true,
    value: defaultName(ctx),
  });
  const submit = h("button", { type: "submit", class: "primary" }, t("action.activate"));
  const form = h("form", { novalidate: true }, code.root, name.root, submit);

  const resendWait = h("p", { class: "note" });
  const resend = h(
    "button",
    { type: "button", class: "secondary", hidden: true },
    t("action.resend"),
  );
  resend.addEventListener("click", async () => {
    const finished = busy(resend, ctx);
    const result = await ctx.api.startActivation(identity);
    finished();
    if (!result.ok) return report(ctx, result.problem);
    activationId = result.body.activationId;
    resendAt = ctx.now() + result.body.resendAfter * 1000;
    ctx.announce(t("activation.sentAgain"));
    code.input.focus();
  });

  const back = h("button", { type: "button", class: "link" }, t("action.changeData"));
  back.addEventListener("click", () => activation(ctx, done, null, identity));

  const finish = async (
    keys: DeviceKeys,
    registered: Pick<Registered, "device" | "citizen"> & { totp?: Registered["totp"] },
    revoked = 0,
  ) => {
    const record: DeviceRecord = {
      keys,
      deviceId: registered.device.id,
      citizen: registered.citizen,
      activatedAt: ctx.now(),
      ...(registered.totp ? { totp: registered.totp } : {}),
    };
    await save("device", record);
    done({ record, revoked });
  };

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const value = code.input.value.replace(/\s/g, "");
    code.setError(CODE.test(value) ? null : t("error.code.format"));
    const chosen = name.input.value.trim();
    name.setError(chosen.length >= 1 && chosen.length <= MAX_NAME ? null : t("error.name"));
    const invalid = [code, name].find((f) => f.hasError());
    if (invalid) return invalid.input.focus();

    const finished = busy(submit, ctx);
    try {
      keys ??= await generateDeviceKeys();
    } catch {
      finished();
      return ctx.alert(t("error.unsupported"));
    }
    const result = await ctx.api.registerDevice(keys, {
      activationId,
      ...identity,
      code: value,
      name: chosen,
    });
    if (result.ok) return finish(keys, result.body, result.body.revoked);
    if (result.problem.code === "device_exists") {
      // This key was registered by an earlier try whose answer never arrived.
      const me = await ctx.api.me(keys);
      if (me.ok) return finish(keys, me.body);
    }
    finished();
    if (result.problem.code === "invalid_otp") {
      if ((result.problem.triesLeft ?? 0) === 0) code.input.value = "";
      return report(ctx, result.problem, code);
    }
    report(ctx, result.problem);
  });

  ctx.showScreen(
    h(
      "section",
      { class: "screen" },
      h("h2", {}, t("activation.code.title")),
      h("p", {}, t("activation.code.sent")),
      h(
        "p",
        { class: "note" },
        t("activation.code.expires", { time: ctx.duration(started.expiresIn) }),
      ),
      form,
      h("div", { class: "again" }, resendWait, resend),
      back,
    ),
    { section: null },
  );
  ctx.everySecond(() => {
    const left = (resendAt - ctx.now()) / 1000;
    resendWait.hidden = left <= 0;
    resendWait.textContent = t("activation.resendWait", { time: ctx.duration(left) });
    resend.hidden = left > 0;
  });
  code.input.focus();
}
