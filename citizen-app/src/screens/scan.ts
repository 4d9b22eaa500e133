/**
 * Scanning a login's QR (docs/mobile.md "QR"): the camera reads the login page's animated code
 * (../qr-reader.ts), or, on a computer without a usable camera, the citizen pastes the code's
 * text. `POST /api/app/qr` answers with the approval request, shown next.
 *
 * The code changes every second and a frame is good for five, so a stale frame from the
 * camera is simply read again; a used or expired login stops the camera and says why.
 */
import type { Problem } from "../api.ts";
import type { AppContext } from "../context.ts";
import { field, h } from "../dom.ts";
import { problemMessage } from "../problems.ts";
import { CameraError, type QrReader, startQrReader } from "../qr-reader.ts";

/** `llave.<token>.<seconds>.<hmac>`; the token names the login. */
const PAYLOAD = /^llave\.([0-9a-f]+)\.[0-9]+\.[0-9a-f]+$/i;

export function scanScreen(ctx: AppContext): void {
  const { t } = ctx;
  let reader: QrReader | null = null;
  let sending = false;
  /** The citizen went elsewhere: late answers and a late camera are dropped. */
  let left = false;
  /** Logins this screen learnt are used or expired: their frames are not sent again. */
  const ended = new Set<string>();

  const video = h("video", { muted: true, playsinline: true, "aria-hidden": "true" });
  video.muted = true;
  const viewfinder = h("div", { class: "viewfinder", hidden: true }, video);
  const cameraStatus = h("p", { class: "note", "aria-live": "polite" });
  const toggle = h("button", { type: "button", class: "primary" }, t("scan.start"));

  const stopCamera = () => {
    reader?.stop();
    reader = null;
    viewfinder.hidden = true;
    toggle.textContent = t("scan.start");
  };

  const refused = (problem: Problem) => {
    const message = problemMessage(ctx, problem);
    if (problem.code === "qr_stale" && reader) {
      // The next frame is fresh: keep reading, say it once.
      cameraStatus.textContent = message;
      return;
    }
    stopCamera();
    ctx.alert(message);
  };

  const send = async (payload: string, fromCamera: boolean) => {
    const token = PAYLOAD.exec(payload)?.[1];
    if (fromCamera && !token) {
      cameraStatus.textContent = t("scan.notLlave");
      return;
    }
    if (sending || (token && ended.has(token))) return;
    sending = true;
    cameraStatus.textContent = t("scan.checking");
    const result = await ctx.api.scanQr(payload);
    sending = false;
    if (left) return;
    if (result.ok) {
      stopCamera();
      return ctx.go.approval(result.body.approval);
    }
    if (token && ["qr_used", "login_expired"].includes(result.problem.code)) ended.add(token);
    refused(result.problem);
  };

  toggle.addEventListener("click", async () => {
    if (reader) return stopCamera();
    toggle.disabled = true;
    cameraStatus.textContent = t("scan.starting");
    try {
      viewfinder.hidden = false;
      reader = await startQrReader(video, (text) => void send(text.trim(), true));
      if (left) return stopCamera();
      toggle.textContent = t("scan.stop");
      cameraStatus.textContent = t("scan.aim");
    } catch (error) {
      viewfinder.hidden = true;
      cameraStatus.textContent = "";
      const problem = error instanceof CameraError ? error.problem : "failed";
      ctx.alert(t(`camera.${problem}`));
    } finally {
      toggle.disabled = false;
    }
  });

  const pasted = field("qr-text", t("scan.paste.label"), t("scan.paste.hint"), {
    autocomplete: "off",
    autocapitalize: "off",
    spellcheck: "false",
    required: true,
  });
  const submit = h("button", { type: "submit", class: "secondary" }, t("action.sendQr"));
  const form = h("form", { novalidate: true }, pasted.root, submit);
  // A pasted frame is sent at once: it is valid for a few seconds only.
  pasted.input.addEventListener("paste", () => {
    setTimeout(() => {
      if (pasted.input.value.trim().startsWith("llave.")) form.requestSubmit();
    }, 0);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const payload = pasted.input.value.trim();
    pasted.setError(payload ? null : t("error.required"));
    if (!payload) return pasted.input.focus();
    void send(payload, false);
  });

  ctx.showScreen(
    h(
      "section",
      { class: "screen" },
      h("h2", {}, t("scan.title")),
      h("p", {}, t("scan.intro")),
      viewfinder,
      cameraStatus,
      toggle,
      h("h3", {}, t("scan.paste.title")),
      form,
    ),
    { section: "scan" },
  );
  ctx.onLeave(() => {
    left = true;
    stopCamera();
  });
}
