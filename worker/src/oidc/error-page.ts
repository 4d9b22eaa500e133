/**
 * The error page /authorize shows when it cannot trust the redirect URI (unknown client,
 * unregistered or altered redirect_uri): the error goes to the citizen, never to a URL an
 * attacker may have chosen (RFC 6749 4.1.2.1, RFC 9700 4.11).
 */
import type { Context } from "hono";
import { errorPage } from "../pages/error-page.ts";
import { html } from "../pages/html.ts";
import type { OAuthError } from "./oauth-error.ts";

export const authorizeErrorPage = (c: Context, error: OAuthError): Response =>
  errorPage(c, {
    title: "No se puede iniciar sesión · Cannot sign in",
    lines: [
      "El servicio que le ha enviado aquí ha hecho una petición no válida. Vuelva a la página del servicio e inténtelo de nuevo.",
      html`<span lang="en">The service that sent you here made an invalid request. Go back to the service and try again.</span>`,
    ],
    error,
    status: 400,
  });
