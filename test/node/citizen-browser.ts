/**
 * A citizen's browser as Node-side relying-party tests need it: cookies kept like a browser
 * keeps them (the `__Host-` cookies included, which fetch alone would drop), redirects not
 * followed, and the citizen's side of a login — from the authorization URL through the login
 * page, an SMS PIN from the dev outbox, to the callback URL Llave redirects to.
 */
import { expect } from "vitest";
import { CookieJar } from "../../scripts/lib/cookie-jar.ts";
import { DEMO_CITIZENS } from "../../scripts/lib/seed.ts";
import type { RunningStack } from "./running-stack.ts";

export class CitizenBrowser {
  readonly #cookies = new CookieJar();

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(url, {
      ...init,
      redirect: "manual",
      headers: { ...(init.headers as Record<string, string>), cookie: this.#cookies.header },
    });
    this.#cookies.store(response.headers.getSetCookie());
    return response;
  }

  /**
   * Follows the authorization URL to Llave's login page (checking that is where it goes),
   * logs the demo citizen in with an SMS PIN and continues; returns the callback URL.
   */
  async logIn(stack: RunningStack, authorizationUrl: URL, citizen = DEMO_CITIZENS[0]) {
    const handoff = await this.fetch(authorizationUrl.href);
    expect(handoff.status).toBe(302);
    const loginPage = new URL(handoff.headers.get("location") ?? "");
    expect(loginPage.origin).toBe(stack.issuer);
    const loginId = loginPage.pathname.split("/").at(-1) ?? "";
    const page = await this.fetch(loginPage.href);
    expect(page.status).toBe(200);
    if (!citizen?.mobile) throw new Error("demo citizen without mobile");
    const before = stack.outbox.entries.at(-1)?.id ?? 0;
    const api = (path: string, body: unknown) =>
      this.fetch(`${stack.issuer}/api/logins/${loginId}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const requested = await api("/pin", {
      document: citizen.documentNumber,
      contrast: { kind: citizen.contrastKind, value: citizen.contrastValue },
      channel: "sms",
    });
    expect(requested.status).toBe(202);
    const verified = await api("/pin/verify", { pin: await stack.pinFor(citizen.mobile, before) });
    expect(verified.status).toBe(200);
    const done = await this.fetch(`${stack.issuer}/login/${loginId}/continue`, {
      method: "POST",
      headers: { origin: stack.issuer },
    });
    expect(done.status).toBe(303);
    return { callback: new URL(done.headers.get("location") ?? ""), loginPage: await page.text() };
  }
}
