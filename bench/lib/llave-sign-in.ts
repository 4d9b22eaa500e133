/**
 * Llave's side of the token benchmark before any code is minted: the bench client registered
 * through the admin API, and citizens signed in through Llave's own flow — the authorization
 * endpoint sends the browser to a login bound to it by the binding cookie the HTTP client
 * sends on every request (login-start.ts; the session's jar keeps it too), the citizen logs in
 * with an SMS PIN (the same steps as the PIN benchmark, which must come from that browser), and
 * continuing the login redirects to the client and sets the single sign-on session cookie. With
 * that cookie the authorization endpoint answers with a code at once.
 */

import type { CookieJar } from "../../scripts/lib/cookie-jar.ts";
import { authorizationRequest, codeFromRedirect } from "./codes.ts";
import { type Client, expectStatus, FunctionalError, header, setCookies } from "./http.ts";
import { pinVerification } from "./load.ts";
import type { PinInbox } from "./node-side.ts";
import { BENCH_CLIENT, type BenchClient, type OidcTarget } from "./oidc-target.ts";
import type { BenchCitizen } from "./setup.ts";

export const SESSION_COOKIE = "__Host-llave-session";

/** `POST /admin/clients`: the bench client, with the secret Llave generated for it. */
export async function registerBenchClient(http: Client, adminToken: string): Promise<BenchClient> {
  const reply = await http.send({
    method: "POST",
    path: "/admin/clients",
    headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
    body: JSON.stringify({
      name: BENCH_CLIENT.name,
      id: BENCH_CLIENT.id,
      authMethod: "client_secret_basic",
      redirectUris: [BENCH_CLIENT.redirectUri],
      scopes: ["openid"],
      subjectType: "public",
      idTokenAlg: "ES256",
    }),
  });
  expectStatus("Llave POST /admin/clients", reply, 201);
  const { clientSecret } = JSON.parse(reply.text) as { clientSecret?: unknown };
  if (typeof clientSecret !== "string") {
    throw new FunctionalError(`Llave POST /admin/clients answered no clientSecret: ${reply.text}`);
  }
  return { id: BENCH_CLIENT.id, secret: clientSecret, redirectUri: BENCH_CLIENT.redirectUri };
}

/** Signs `citizen` in with a PIN; `session` then holds Llave's single sign-on cookie. */
export async function signInToLlave(
  ctx: { client: Client; inbox: PinInbox },
  target: OidcTarget,
  session: CookieJar,
  citizen: BenchCitizen,
): Promise<void> {
  const http = ctx.client;
  const request = authorizationRequest(target);
  const authorize = await http.send({ method: "GET", path: request.path });
  session.store(setCookies(authorize));
  const location = header(authorize, "location") ?? "";
  const loginId = /\/login\/([^/?#]+)$/.exec(new URL(location, target.issuer).pathname)?.[1];
  if (authorize.status !== 302 || loginId === undefined || !authorize.headers["set-cookie"]) {
    throw new FunctionalError(
      "Llave GET authorization without a session: expected 302 to /login/{id} setting a cookie, " +
        `got ${authorize.status} ${location || authorize.text.slice(0, 200)}`,
    );
  }
  await pinVerification(ctx, loginId, citizen);
  const done = await http.send({
    method: "POST",
    path: `/login/${loginId}/continue`,
    headers: { cookie: session.header, origin: target.issuer },
  });
  session.store(setCookies(done));
  if (codeFromRedirect(target, request, done) === null || !session.has(SESSION_COOKIE)) {
    throw new FunctionalError(
      `Llave POST /login/{id}/continue: expected a redirect to the client with a code, setting ${SESSION_COOKIE}; ` +
        `got ${done.status} ${header(done, "location") ?? done.text.slice(0, 200)}`,
    );
  }
}
