/**
 * `<llave-login>`: Llave's login, embedded in an agency's page with one script tag.
 *
 * The element is a shell around a frame: the login app runs on the issuer's origin, so the
 * citizen's document and PIN never touch the agency's page. The frame is started at the
 * issuer's /authorize with `response_mode=web_message` and this page's origin, which the
 * client must have registered (the issuer then allows framing by that origin only). The
 * answer comes back as a message, accepted only from the issuer's origin and from this
 * element's own frame, and only with the `state` given; anything else is ignored.
 *
 * ```html
 * <script src="https://llave.example/llave-login.js" defer></script>
 * <llave-login issuer="https://llave.example" client-id="…" redirect-uri="…"
 *   state="…" nonce="…" code-challenge="…" scope="openid profile"></llave-login>
 * ```
 */
import {
  type AuthorizationResponseMessage,
  FRAME_MESSAGE,
  STYLE_PROPERTIES,
  type StyleProperty,
} from "../frame-messages.ts";
import { supportedLocale } from "../i18n/catalog.ts";

/** `llave-success`: give `code` to the agency's backend, which redeems it with its verifier. */
export type LlaveSuccessDetail = { code: string; state: string | null; iss: string };
/** `llave-error` and `llave-cancel` (`access_denied`): the OAuth error of the response. */
export type LlaveErrorDetail = {
  error: string;
  error_description: string | null;
  state: string | null;
  iss: string | null;
};

const ATTRIBUTES = [
  "issuer",
  "client-id",
  "redirect-uri",
  "scope",
  "acr",
  "state",
  "nonce",
  "code-challenge",
  "login-hint",
  "locale",
  "methods",
  "mode",
  "theme",
] as const;

const REQUIRED = ["issuer", "client-id", "redirect-uri", "code-challenge"] as const;

/**
 * The frame's accessible name in each language: the catalogs' "frame.title", put here by the
 * build (web-widget/build.ts), so the element carries eight short strings, not the catalogs.
 */
declare const LLAVE_FRAME_TITLES: Record<string, string>;

/** A forwarded value: no characters that could leave a CSS declaration. */
const SAFE_VALUE = /^[-#%.,'" ()\w]{1,100}$/;

export class LlaveLoginElement extends HTMLElement {
  static observedAttributes = ATTRIBUTES;
  #frame: HTMLIFrameElement | null = null;
  #issuer = "";
  #pending = false;

  connectedCallback(): void {
    window.addEventListener("message", this.#onMessage);
    this.#schedule();
  }

  disconnectedCallback(): void {
    window.removeEventListener("message", this.#onMessage);
  }

  attributeChangedCallback(): void {
    if (this.isConnected) this.#schedule();
  }

  /** Several attributes set in a row start one frame, not one each. */
  #schedule(): void {
    if (this.#pending) return;
    this.#pending = true;
    queueMicrotask(() => {
      this.#pending = false;
      this.#start();
    });
  }

  #attr(name: (typeof ATTRIBUTES)[number]): string | null {
    const value = this.getAttribute(name);
    return value === null || value === "" ? null : value;
  }

  #start(): void {
    const missing = REQUIRED.filter((name) => this.#attr(name) === null);
    if (missing.length > 0) {
      this.#emit("llave-error", {
        error: "invalid_request",
        error_description: `<llave-login> needs the attribute(s): ${missing.join(", ")}`,
        state: this.#attr("state"),
        iss: null,
      });
      return;
    }
    const issuer = (this.#attr("issuer") ?? "").replace(/\/$/, "");
    const url = new URL(`${issuer}/authorize`);
    const params: [string, string | null][] = [
      ["response_type", "code"],
      ["response_mode", "web_message"],
      ["web_message_uri", location.origin],
      ["client_id", this.#attr("client-id")],
      ["redirect_uri", this.#attr("redirect-uri")],
      ["scope", this.#attr("scope") ?? "openid"],
      ["state", this.#attr("state")],
      ["nonce", this.#attr("nonce")],
      ["code_challenge", this.#attr("code-challenge")],
      ["code_challenge_method", "S256"],
      ["acr_values", this.#attr("acr")],
      ["login_hint", this.#attr("login-hint")],
      ["ui_locales", this.#attr("locale")],
      ["llave_methods", this.#attr("methods")],
      ["llave_theme", this.#attr("theme")],
      ["llave_style", this.#style()],
    ];
    for (const [name, value] of params) if (value !== null) url.searchParams.set(name, value);
    this.#issuer = url.origin;

    const root = this.shadowRoot ?? this.attachShadow({ mode: "open" });
    const frame = document.createElement("iframe");
    frame.setAttribute("part", "frame");
    // The QR screen's "copy the code" (an app in another window of the same computer).
    frame.allow = "clipboard-write";
    const locale = supportedLocale(this.#attr("locale") ?? "") ?? "es";
    frame.title = LLAVE_FRAME_TITLES[locale] ?? "Llave";
    frame.src = url.href;
    const style = document.createElement("style");
    style.textContent =
      ":host{display:block}iframe{display:block;width:100%;min-height:20rem;border:0;background:transparent}";
    const container = document.createElement("div");
    container.setAttribute("part", "container");
    container.append(frame);
    root.replaceChildren(style, container);
    this.#frame = frame;
  }

  /** The allowed `--llave-*` properties set on the element, as JSON; null when none are. */
  #style(): string | null {
    const computed = getComputedStyle(this);
    const chosen: Partial<Record<StyleProperty, string>> = {};
    for (const name of Object.keys(STYLE_PROPERTIES) as StyleProperty[]) {
      const value = computed.getPropertyValue(name).trim();
      if (value && SAFE_VALUE.test(value)) chosen[name] = value;
    }
    return Object.keys(chosen).length > 0 ? JSON.stringify(chosen) : null;
  }

  #onMessage = (event: MessageEvent): void => {
    const frame = this.#frame;
    if (!frame || event.origin !== this.#issuer || event.source !== frame.contentWindow) return;
    const data: unknown = event.data;
    if (typeof data !== "object" || data === null || !("type" in data)) return;
    if (data.type === FRAME_MESSAGE.ready) this.#emit("llave-ready", undefined);
    if (data.type === FRAME_MESSAGE.resize && "height" in data) {
      const height = Number(data.height);
      if (height > 0 && height < 10_000) frame.style.height = `${height}px`;
    }
    if (data.type === FRAME_MESSAGE.response) this.#respond(data as AuthorizationResponseMessage);
  };

  #respond(message: AuthorizationResponseMessage): void {
    const issuer = (this.#attr("issuer") ?? "").replace(/\/$/, "");
    const state = this.#attr("state");
    // RFC 9207: the response names the issuer it comes from; state ties it to this request.
    if (message.iss?.replace(/\/$/, "") !== issuer || (message.state ?? null) !== state) return;
    const redirect = this.#attr("mode") !== "event";
    const params: Record<string, string> = {};
    let event: Event;
    if (typeof message.code === "string") {
      params.code = message.code;
      event = this.#emit("llave-success", { code: message.code, state, iss: message.iss });
    } else {
      const detail: LlaveErrorDetail = {
        error: String(message.error ?? "server_error"),
        error_description: message.error_description ?? null,
        state,
        iss: message.iss,
      };
      params.error = detail.error;
      if (detail.error_description) params.error_description = detail.error_description;
      event = this.#emit(detail.error === "access_denied" ? "llave-cancel" : "llave-error", detail);
    }
    if (!redirect || event.defaultPrevented) return;
    const target = new URL(this.#attr("redirect-uri") ?? "", location.href);
    for (const [name, value] of Object.entries(params)) target.searchParams.append(name, value);
    if (state !== null) target.searchParams.append("state", state);
    target.searchParams.append("iss", message.iss);
    location.assign(target.href);
  }

  #emit<K extends keyof LlaveEvents>(type: K, detail: LlaveEvents[K]): Event {
    const event = new CustomEvent(type, {
      detail,
      bubbles: true,
      composed: true,
      cancelable: true,
    });
    this.dispatchEvent(event);
    return event;
  }
}

type LlaveEvents = {
  "llave-ready": undefined;
  "llave-success": LlaveSuccessDetail;
  "llave-error": LlaveErrorDetail;
  "llave-cancel": LlaveErrorDetail;
};

declare global {
  interface HTMLElementTagNameMap {
    "llave-login": LlaveLoginElement;
  }
  interface GlobalEventHandlersEventMap {
    "llave-ready": CustomEvent<undefined>;
    "llave-success": CustomEvent<LlaveSuccessDetail>;
    "llave-error": CustomEvent<LlaveErrorDetail>;
    "llave-cancel": CustomEvent<LlaveErrorDetail>;
  }
}

if (!customElements.get("llave-login")) customElements.define("llave-login", LlaveLoginElement);
