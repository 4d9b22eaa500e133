/**
 * The login page an /authorize request hands over to: `GET /login/{loginId}`. A minimal,
 * server-rendered page on the issuer's origin that drives the login API (PIN today) with a
 * small script and then posts to /login/{loginId}/continue. The login-experience issue
 * replaces it with the full login app (web-widget/); the routes and the handoff stay.
 */
import { Hono } from "hono";
import type { AppDeps } from "../app.ts";
import { acrUri } from "../assurance/levels.ts";
import { errorPage } from "../pages/error-page.ts";
import { cspSource, html, page } from "../pages/html.ts";
import { LOGIN_ID } from "./login-routes.ts";
import { LOGIN_SCRIPT } from "./login-script.ts";

const LEVEL_NAMES = { low: "bajo", substantial: "sustancial", high: "alto" } as const;

/** What each scope releases, as the citizen is told before logging in. */
const RELEASES: Partial<Record<string, string>> = {
  profile: "nombre, apellidos y fecha de nacimiento",
  email: "correo electrónico",
  phone: "teléfono móvil",
  document: "tipo y número de documento",
  offline_access: "acceso mientras no esté conectado",
};

export function loginPageRoutes(deps: AppDeps): Hono {
  const { logins, clients, clock } = deps;
  const app = new Hono();

  app.get("/assets/login.js", (c) =>
    c.body(LOGIN_SCRIPT, 200, {
      "content-type": "text/javascript; charset=utf-8",
      "cache-control": "public, max-age=300",
    }),
  );

  app.get("/:loginId", async (c) => {
    const loginId = c.req.param("loginId");
    const tx = LOGIN_ID.test(loginId) ? await logins.get(loginId).get() : null;
    if (!tx?.authorization || clock.now() >= tx.expiresAt || tx.code) {
      return errorPage(c, {
        title: "Este inicio de sesión ya no es válido",
        lines: ["Vuelva a la página del servicio y empiece de nuevo."],
        status: 404,
      });
    }
    const request = tx.authorization;
    const client = await clients.find(request.clientId);
    const done = tx.step.kind === "authenticated";
    return page(
      c,
      "Iniciar sesión",
      html`<h1>Identifíquese para acceder a <span id="agency">${client?.name ?? request.clientId}</span></h1>
<p>Nivel de seguridad requerido: ${LEVEL_NAMES[request.acr]} (<code>${acrUri(request.acr)}</code>).</p>
<p>El servicio recibirá: ${["identificador", ...request.scope.flatMap((s) => RELEASES[s] ?? [])].join(", ")}.</p>
<form id="pin-request" data-login="${loginId}" ${done ? "hidden" : ""}>
  <label for="document">DNI, NIE o codice fiscale</label>
  <input id="document" name="document" autocomplete="username" required value="${request.loginHint ?? ""}">
  <label for="contrast-kind">Dato de contraste</label>
  <select id="contrast-kind" name="kind">
    <option value="dni_validity">Fecha de validez del DNI</option>
    <option value="dni_issue">Fecha de expedición (DNI permanente)</option>
    <option value="nie_support">Número de soporte del NIE</option>
    <option value="cf_card_expiry">Caducidad de la tessera sanitaria</option>
  </select>
  <label for="contrast">Valor (fechas como AAAA-MM-DD)</label>
  <input id="contrast" name="contrast" required>
  <label for="channel">Recibir el PIN por</label>
  <select id="channel" name="channel"><option value="sms">SMS</option><option value="app">App Llave</option></select>
  <button type="submit">Obtener PIN</button>
</form>
<form id="pin-verify" hidden>
  <label for="pin">PIN recibido</label>
  <input id="pin" name="pin" inputmode="numeric" autocomplete="one-time-code" required>
  <button type="submit">Acceder</button>
</form>
<p id="status" role="alert" aria-live="assertive"></p>
<form id="continue" method="post" action="/login/${loginId}/continue" ${done ? "" : "hidden"}>
  <button type="submit">Continuar</button>
</form>
<form method="post" action="/login/${loginId}/cancel"><button class="secondary" type="submit">Cancelar y volver al servicio</button></form>`,
      { script: "/login/assets/login.js", formTargets: [cspSource(request.redirectUri)] },
    );
  });

  return app;
}
