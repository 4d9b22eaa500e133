/**
 * Llave's server-rendered pages: a browser that asks for a page gets a branded, localised page
 * with a way back (to the service when it is known, else to Llave's start); APIs and clients
 * keep problem+json and OAuth errors. Covers an unknown address, Back after a finished login,
 * a cancelled login to the citizen's area, /authorize's error page, logout, and the Llave
 * header on the full-page login (not inside <llave-login>'s frame).
 */
import { describe, expect, it } from "vitest";
import { harness } from "./harness.ts";
import { Browser, finishLogin, loginIdOf, REDIRECT_URI, relyingParty } from "./relying-party.ts";

const HTML = { accept: "text/html,application/xhtml+xml" };

async function pageOf(response: Response) {
  expect(response.headers.get("content-type")).toContain("text/html");
  const body = await response.text();
  const lang = /<html lang="([a-z]+)"/.exec(body)?.[1];
  const title = /<h1>([^<]*)<\/h1>/.exec(body)?.[1];
  const back = /<a class="back" href="([^"]*)">([^<]*)<\/a>/.exec(body);
  return { body, lang, title, back: back ? { href: back[1], text: back[2] } : null };
}

describe("error pages for browsers", () => {
  it("answers an unknown address with a page in the browser's language and a way to Llave's start", async () => {
    const h = harness();
    const es = await pageOf(await h.call("GET", "/nada/por/aqui", undefined, HTML));
    expect(es.lang).toBe("es");
    expect(es.title).toBe("No encontramos esta página");
    expect(es.back).toEqual({ href: "/account", text: "Ir a su área de Llave" });
    expect(es.body).toContain('class="llave-brand"');
    expect(es.body).toContain("llave.test");

    const response = await h.call("GET", "/nada", undefined, {
      ...HTML,
      "accept-language": "it-IT,it;q=0.9,en;q=0.5",
    });
    expect(response.status).toBe(404);
    const it = await pageOf(response);
    expect(it.lang).toBe("it");
    expect(it.title).toBe("Non troviamo questa pagina");

    const eu = await pageOf(await h.call("GET", "/nada?lang=eu", undefined, HTML));
    expect(eu.title).toBe("Ez dugu orri hau aurkitu");
  });

  it("keeps problem+json for APIs, protocol endpoints and clients that do not ask for HTML", async () => {
    const h = harness();
    for (const [path, headers, status] of [
      ["/nada", {}, 404],
      ["/nada", { accept: "application/json" }, 404],
      ["/api/nada", HTML, 404],
      // The admin API is hidden behind its token: unknown paths too.
      ["/admin/nada", HTML, 401],
    ] as const) {
      const response = await h.call("GET", path, undefined, headers);
      expect(response.status, path).toBe(status);
      expect(response.headers.get("content-type"), path).toBe("application/problem+json");
    }
    const token = await h.call("POST", "/token", "grant_type=nada", {
      ...HTML,
      "content-type": "application/x-www-form-urlencoded",
    });
    expect(token.headers.get("content-type")).toContain("application/json");
  });

  it("sends Back after a finished login to the service, by name", async () => {
    const h = harness();
    const rp = await relyingParty(h, { name: "Sede del Ayuntamiento" });
    const citizen = await h.registerCitizen();
    const browser = new Browser(h);
    const auth = await rp.authorization({ ui_locales: "fr" });
    const loginId = loginIdOf(await browser.request("GET", rp.authorizePath(auth.params)));
    if (!loginId) throw new Error("no login page");
    const done = await finishLogin(h, browser, loginId, citizen);
    expect(rp.redirectQuery(done)?.get("code")).toBeTruthy();
    const back = await browser.request("GET", `/login/${loginId}`, undefined, HTML);
    expect(back.status).toBe(404);
    const page = await pageOf(back);
    expect(page.lang).toBe("fr");
    expect(page.title).toBe("Cette connexion n’est plus valable");
    expect(page.back).toEqual({
      href: `${new URL(REDIRECT_URI).origin}/`,
      text: "Revenir à Sede del Ayuntamiento",
    });
  });

  it("tells a citizen who cancelled the login to their area, and offers to log in again", async () => {
    const h = harness();
    const browser = new Browser(h);
    const start = await browser.request("GET", "/account/login", undefined, HTML);
    const loginId = loginIdOf(start);
    if (!loginId) throw new Error(`no login page: ${start.status}`);
    const cancelled = await browser.request("POST", `/login/${loginId}/cancel`, "", {
      ...HTML,
      origin: h.config.issuer,
      "accept-language": "gl",
    });
    expect(cancelled.status).toBe(200);
    const page = await pageOf(cancelled);
    expect(page.lang).toBe("gl");
    expect(page.title).toBe("Cancelou o acceso");
    expect(page.body).toContain('href="/account/login">Identificarse de novo</a>');
    expect(page.body).toContain('class="llave-brand"');
  });

  it("shows /authorize's error page in the request's language, with the OAuth code", async () => {
    const h = harness();
    const response = await h.call(
      "GET",
      "/authorize?client_id=nadie&response_type=code&ui_locales=ro",
      undefined,
      HTML,
    );
    expect(response.status).toBe(400);
    const page = await pageOf(response);
    expect(page.lang).toBe("ro");
    expect(page.title).toBe("Nu vă puteți autentifica");
    expect(page.body).toMatch(/data-error="[a-z_]+"/);
    expect(page.body).not.toContain("Cannot sign in");
  });

  it("shows the Llave header on the full-page login, with the issuer's host, not in the frame", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const browser = new Browser(h);
    const auth = await rp.authorization();
    const loginId = loginIdOf(await browser.request("GET", rp.authorizePath(auth.params)));
    const full = await (await browser.request("GET", `/login/${loginId}`)).text();
    expect(full).toContain('class="llave-brand"');
    expect(full).toContain("Servicio de identificación de las administraciones públicas");
    expect(full).toContain("Página de Llave en llave.test");
    const english = await (await browser.request("GET", `/login/${loginId}?lang=en`)).text();
    expect(english).toContain("Llave page at llave.test");
  });

  it("honours ?theme= on the full-page login, and keeps it in the language links", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const browser = new Browser(h);
    const auth = await rp.authorization({ llave_theme: "dark" });
    const loginId = loginIdOf(await browser.request("GET", rp.authorizePath(auth.params)));
    const dark = await (await browser.request("GET", `/login/${loginId}`)).text();
    expect(dark).toContain('data-theme="dark"');
    const light = await (await browser.request("GET", `/login/${loginId}?theme=light`)).text();
    expect(light).toContain('data-theme="light"');
    expect(light).toContain(`/login/${loginId}?lang=en&amp;theme=light`);
  });
});
