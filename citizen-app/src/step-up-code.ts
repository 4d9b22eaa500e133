/**
 * The step-up code (RFC 6238 TOTP, docs/password.md "The code from the app"): when a service
 * asks for a code after the password, the citizen may type the one this card shows instead of
 * waiting for an SMS. otpauth computes it from the seed the registration answered, on the
 * server's clock (the API's `Date`), so a phone whose clock is off still shows the code the
 * server expects. The card lives in the inbox, which exists only while the app is unlocked.
 *
 * The code is recomputed when its 30-second step changes, and is not announced as it changes:
 * a screen reader reads it when the citizen goes to it. otpauth's bare build, with HMAC-SHA-1
 * from @noble/hashes, keeps the SHA-2 and SHA-3 variants the codes never use out of the app
 * (and out of the worker bundle that carries it).
 */
import { hmac } from "@noble/hashes/hmac.js";
import { sha1 } from "@noble/hashes/legacy.js";
import { Secret, TOTP } from "otpauth/bare";
import type { TotpSetup } from "./api.ts";
import type { AppContext } from "./context.ts";
import { h } from "./dom.ts";

/** RFC 4226's HMAC-SHA-1, synchronous as otpauth needs it; the server uses no other. */
function hmacSha1(algorithm: string, key: Uint8Array, message: Uint8Array): Uint8Array {
  if (algorithm.toUpperCase() !== "SHA1") throw new Error(`TOTP algorithm ${algorithm}`);
  return hmac(sha1, key, message);
}

/** "123 456", as the PINs are shown; the copy is the bare digits. */
const grouped = (code: string): string => code.replace(/(\d{3})(?=\d)/g, "$1 ");

export function stepUpCodeCard(
  ctx: AppContext,
  setup: TotpSetup,
): { element: HTMLElement; tick(): void } {
  const { t } = ctx;
  const totp = new TOTP({
    secret: Secret.fromBase32(setup.secret),
    algorithm: setup.algorithm,
    digits: setup.digits,
    period: setup.period,
    hmac: hmacSha1,
  });
  const code = h("p", { class: "pin", translate: "no" });
  const left = h("span", {});
  const copy = h("button", { type: "button", class: "secondary" }, t("codes.copy"));
  let current = "";
  let step = -1;
  copy.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(current);
      ctx.announce(t("codes.copied"));
    } catch {
      ctx.alert(t("codes.copyFailed"));
    }
  });
  const element = h(
    "section",
    { class: "card code", "aria-labelledby": "step-up-code-title" },
    h("h3", { id: "step-up-code-title" }, t("codes.title")),
    h("p", {}, t("codes.hint")),
    code,
    h("p", { class: "note" }, t("codes.next"), " ", left),
    copy,
  );
  const tick = () => {
    const now = ctx.now();
    const at = TOTP.counter({ period: setup.period, timestamp: now });
    if (at !== step) {
      step = at;
      current = totp.generate({ timestamp: now });
      code.textContent = grouped(current);
    }
    left.textContent = ctx.countdown(
      now + TOTP.remaining({ period: setup.period, timestamp: now }),
    );
  };
  return { element, tick };
}
