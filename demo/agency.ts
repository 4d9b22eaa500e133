/**
 * The demo agency site that `npm run dev` serves at http://localhost:8788: a small electronic
 * office ("sede electrónica") of a town hall, integrated with Llave the way a real agency
 * would be — its backend uses `@llave/sdk` and its pages embed `<llave-login>`.
 *
 *   GET  /                      the office: two services, one needing `low`, one `substantial`
 *   GET  /services/{id}         the service, or its login: `<llave-login>` in redirect mode,
 *                               `?mode=event` for event mode, `?mode=page` for a full-page login
 *   GET  /callback              redirect mode and full page: the authorization response
 *   POST /callback              event mode: the page's script posts {code, state, iss}
 *   GET  /logout                ends the local session and Llave's (RP-initiated logout)
 *
 * Sessions live in memory: this is a demo, and it forgets everyone when it restarts.
 */
import { Hono } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import {
  type AcrLevel,
  acrMeets,
  createClient,
  type ExpectedCallback,
  type IdTokenClaims,
  isLlaveError,
  type UserinfoClaims,
} from "../sdk/src/index.ts";
import { DEMO_PAGE_SCRIPT, DEMO_STYLE, escapeHtml, layout } from "./agency-pages.ts";

export type DemoAgencyOptions = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Where the site is served, e.g. http://localhost:8788. */
  origin: string;
};

type Service = { id: string; title: string; summary: string; acr: AcrLevel };

export const SERVICES: Service[] = [
  {
    id: "padron",
    title: "Volante de empadronamiento",
    summary: "Descargue su volante de empadronamiento al momento.",
    acr: "low",
  },
  {
    id: "ayuda-alquiler",
    title: "Ayuda municipal al alquiler",
    summary: "Solicite la ayuda al alquiler para jóvenes y familias.",
    acr: "substantial",
  },
];

type Login = {
  claims: IdTokenClaims;
  profile: UserinfoClaims;
  idToken: string;
};

type Visitor = {
  pending: Map<string, { expected: ExpectedCallback; service: string }>;
  login: Login | null;
};

const COOKIE = "sede_session";

export function demoAgency(options: DemoAgencyOptions): (request: Request) => Promise<Response> {
  const llave = createClient({
    issuer: options.issuer,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
  });
  const redirectUri = `${options.origin}/callback`;
  const visitors = new Map<string, Visitor>();
  const app = new Hono<{ Variables: { visitor: Visitor } }>();

  app.use("*", async (c, next) => {
    let id = getCookie(c, COOKIE);
    if (!id || !visitors.has(id)) {
      id = crypto.randomUUID();
      visitors.set(id, { pending: new Map(), login: null });
      setCookie(c, COOKIE, id, { httpOnly: true, sameSite: "Lax", path: "/" });
    }
    c.set("visitor", visitors.get(id) as Visitor);
    await next();
  });

  app.get("/demo.css", (c) => c.body(DEMO_STYLE, 200, { "content-type": "text/css" }));
  app.get("/demo.js", (c) => c.body(DEMO_PAGE_SCRIPT, 200, { "content-type": "text/javascript" }));

  app.get("/", (c) => {
    const { login } = c.get("visitor");
    const services = SERVICES.map(
      (s) => `<li><a href="/services/${s.id}">${escapeHtml(s.title)}</a>
<p>${escapeHtml(s.summary)} Nivel de seguridad: <strong>${s.acr}</strong>.</p></li>`,
    ).join("");
    return c.html(
      layout(
        "Sede electrónica",
        `${login ? `<p>Ha accedido como <strong>${escapeHtml(String(login.profile.name ?? login.claims.sub))}</strong> · <a href="/logout">Cerrar sesión</a></p>` : ""}
<h2>Trámites</h2><ul class="services">${services}</ul>
<p class="note">¿Usa Llave con contraseña? Puede cambiarla, cancelarla o pedir un código de activación en <a href="${escapeHtml(options.issuer)}/account">su cuenta de Llave</a>.</p>`,
      ),
    );
  });

  app.get("/services/:id", async (c) => {
    const service = SERVICES.find((s) => s.id === c.req.param("id"));
    if (!service) return c.notFound();
    const visitor = c.get("visitor");
    const login = visitor.login;
    if (login && acrMeets(login.claims.acr, service.acr)) {
      return c.html(layout(service.title, servicePage(login)));
    }
    const lang = c.req.query("lang");
    const request = await llave.createAuthorizationRequest({
      redirectUri,
      scope: "openid profile document",
      acr: service.acr,
      ...(lang ? { uiLocales: lang } : {}),
    });
    visitor.pending.set(request.state, { expected: request.expected, service: service.id });
    const mode = c.req.query("mode") ?? "redirect";
    const theme = c.req.query("theme");
    if (mode === "page") {
      // The full page gets the theme as the element would send it (llave_theme).
      const url = new URL(request.url);
      if (theme === "light" || theme === "dark") url.searchParams.set("llave_theme", theme);
      return c.redirect(url.href);
    }
    const attributes = Object.entries({
      ...request.elementAttributes,
      mode: mode === "event" ? "event" : "redirect",
      theme: theme ?? "auto",
    })
      .map(([name, value]) => ` ${name}="${escapeHtml(value)}"`)
      .join("");
    const modes = ["redirect", "event", "page"]
      .map((m) =>
        m === mode
          ? `<strong>${m}</strong>`
          : `<a href="/services/${service.id}?mode=${m}">${m}</a>`,
      )
      .join(" · ");
    return c.html(
      layout(
        service.title,
        `<p>${escapeHtml(service.summary)} Este trámite requiere identificarse con nivel <strong>${service.acr}</strong>.</p>
<p class="modes">Modo del elemento: ${modes}</p>
<llave-login${attributes}></llave-login>
<p id="demo-status" role="status"></p>`,
        `<script src="${escapeHtml(options.issuer)}/llave-login.js" defer></script><script src="/demo.js" defer></script>`,
      ),
    );
  });

  /** Completes a login from the response parameters; the service to go to, or an error. */
  async function complete(visitor: Visitor, params: URLSearchParams) {
    const pending = visitor.pending.get(params.get("state") ?? "");
    if (!pending) return { error: "No hay ningún inicio de sesión en curso con ese state." };
    visitor.pending.delete(params.get("state") ?? "");
    try {
      const { claims, tokens } = await llave.handleCallback(params, pending.expected);
      const profile = await llave.userinfo(tokens.accessToken, { subject: claims.sub });
      visitor.login = { claims, profile, idToken: tokens.idToken ?? "" };
      return { next: `/services/${pending.service}` };
    } catch (error) {
      if (isLlaveError(error)) return { error: `${error.code}: ${error.message}` };
      throw error;
    }
  }

  app.get("/callback", async (c) => {
    const result = await complete(c.get("visitor"), new URL(c.req.url).searchParams);
    if ("next" in result) return c.redirect(result.next);
    return c.html(
      layout(
        "No se ha podido iniciar sesión",
        `<p id="login-error">${escapeHtml(result.error)}</p><p><a href="/">Volver</a></p>`,
      ),
      400,
    );
  });

  app.post("/callback", async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as Record<string, unknown>;
    const params = new URLSearchParams();
    for (const name of ["code", "state", "iss", "error", "error_description"]) {
      if (typeof body[name] === "string") params.set(name, body[name]);
    }
    const result = await complete(c.get("visitor"), params);
    return c.json(result, "next" in result ? 200 : 400);
  });

  app.get("/logout", async (c) => {
    const visitor = c.get("visitor");
    const login = visitor.login;
    visitor.login = null;
    if (!login) return c.redirect("/");
    const url = await llave.logoutUrl({
      idTokenHint: login.idToken,
      postLogoutRedirectUri: `${options.origin}/`,
    });
    return c.redirect(url.href);
  });

  return (request) => Promise.resolve(app.fetch(request));
}

function servicePage(login: Login): string {
  const rows: [string, unknown][] = [
    ["Nombre", [login.profile.given_name, login.profile.family_name].filter(Boolean).join(" ")],
    ["Documento", `${login.profile.document_type ?? ""} ${login.profile.document_number ?? ""}`],
    ["sub", login.claims.sub],
    ["acr", login.claims.acr],
    ["amr", (login.claims.amr ?? []).join(", ")],
    ["auth_time", new Date((login.claims.auth_time ?? 0) * 1000).toISOString()],
  ];
  return `<p>Identidad verificada por Llave (ID token comprobado por <code>@llave/sdk</code>):</p>
<table id="claims">${rows.map(([k, v]) => `<tr><th scope="row">${k}</th><td>${escapeHtml(String(v ?? ""))}</td></tr>`).join("")}</table>
<p><a href="/">Volver a la sede</a> · <a href="/logout">Cerrar sesión</a></p>`;
}
