/**
 * The authorization endpoint (OIDC Core 3.1.2), GET and POST. The request is checked in two
 * phases, by the one-rule modules in checks/:
 *
 *  1. client, request object, redirect URI — failures show an error page, because until the
 *     redirect URI is verified there is nowhere safe to send an error;
 *  2. everything else — failures redirect to the client with `error`, `state` and `iss`.
 *
 * A valid request is then answered from the single sign-on session when it satisfies the
 * request (level, max_age, prompt, login_hint), or handed to the login UI in a new LoginObject
 * bound to this browser; `prompt=none` without a usable session is `login_required`.
 */
import { type Context, Hono } from "hono";
import { auditAfterResponse, requester } from "../api/request-context.ts";
import type { AppDeps } from "../app.ts";
import { meetsLevel } from "../assurance/levels.ts";
import { sha256 } from "../crypto/digest.ts";
import { randomToken } from "../crypto/random.ts";
import type { Authentication, LoginStep } from "../login/login-transaction.ts";
import { passwordLevel } from "../methods/password/password-levels.ts";
import { mobileHint } from "../methods/password/password-message.ts";
import type { SessionView } from "../objects/citizen-object.ts";
import { ensureBrowserCookie } from "../session/cookie.ts";
import { currentSession } from "../session/current-session.ts";
import type { Client } from "../storage/client-store.ts";
import type { AuthorizationRequest } from "./authorization-request.ts";
import { respond } from "./authorization-response.ts";
import { requiredLevel, usableMethods } from "./checks/acr.ts";
import { parseClaims } from "./checks/claims-parameter.ts";
import { requireClient } from "./checks/client.ts";
import { offeredMethods, parseDisplay } from "./checks/display.ts";
import { loginHint, opaque, uiLocales } from "./checks/hints.ts";
import { type Params, singleValued } from "./checks/params.ts";
import { requirePkce } from "./checks/pkce.ts";
import { parseMaxAge, parsePrompt } from "./checks/prompt.ts";
import { requireRedirectUri } from "./checks/redirect-uri.ts";
import { applyRequestObject } from "./checks/request-object.ts";
import { type ResponseMode, responseMode } from "./checks/response-mode.ts";
import { requireCodeFlow } from "./checks/response-type.ts";
import { grantedScope } from "./checks/scope.ts";
import { capped, standing } from "./citizen-standing.ts";
import { limitClaims } from "./claims.ts";
import { authorizeErrorPage } from "./error-page.ts";
import { readForm } from "./form.ts";
import { recordGrant } from "./grant-records.ts";
import { newGrantToken } from "./grant-tokens.ts";
import { OAuthError, oauth } from "./oauth-error.ts";
import { idTokenHint } from "./own-tokens.ts";
import { subjectFor } from "./subject.ts";

async function rawParams(c: Context): Promise<Params> {
  if (c.req.method === "GET") return singleValued(new URL(c.req.url).searchParams);
  return singleValued(await readForm(c));
}

/** Phase 1: what must hold before an error may be redirected. */
async function trustedTarget(deps: AppDeps, c: Context, now: number) {
  const params = await rawParams(c);
  const client = await requireClient(deps.clients, params);
  let merged: Params;
  try {
    merged = await applyRequestObject(client, params, deps.config.issuer, now);
  } catch (error) {
    // A bad request object can still be reported to a redirect URI the query got right.
    const uri = params.redirect_uri;
    if (error instanceof OAuthError && uri && client.redirectUris.includes(uri)) {
      // Sent the way the query asked (a framed request answers in its frame).
      const mode = responseMode(client, params);
      const target = { redirectUri: uri, state: params.state ?? null, mode };
      return { error, client, params, target };
    }
    throw error;
  }
  const redirectUri = requireRedirectUri(client, merged);
  const mode = responseMode(client, merged);
  return { client, params: merged, target: { redirectUri, state: merged.state ?? null, mode } };
}

/** Phase 2: the rest of the request, as the AuthorizationRequest the login will carry. */
function checkRequest(
  deps: AppDeps,
  client: Client,
  params: Params,
  target: { redirectUri: string; mode?: ResponseMode },
) {
  const { redirectUri } = target;
  requireCodeFlow(params);
  const claims = parseClaims(params);
  const acr = requiredLevel(client, params, claims);
  const authorization: AuthorizationRequest = {
    clientId: client.id,
    redirectUri,
    scope: grantedScope(client, params),
    state: opaque(params, "state"),
    nonce: opaque(params, "nonce"),
    codeChallenge: requirePkce(params),
    acr,
    prompt: parsePrompt(params),
    maxAge: parseMaxAge(params),
    loginHint: loginHint(params),
    uiLocales: uiLocales(params),
    claims: limitClaims(claims, client.scopes),
    methods: offeredMethods(params, usableMethods(deps.config, client, acr)),
    responseMode: target.mode ?? { kind: "query" },
    display: parseDisplay(params),
  };
  return authorization;
}

/**
 * The `sub` an `id_token_hint` names (an ID token we issued to this client, expired or not),
 * null without a hint; an invalid hint is an error (OIDC Core 3.1.2.1).
 */
async function hintedSubject(deps: AppDeps, client: Client, params: Params, now: number) {
  if (!params.id_token_hint) return null;
  const hint = await idTokenHint(deps, params.id_token_hint, now);
  const audience = Array.isArray(hint?.aud) ? hint.aud : [hint?.aud];
  if (!hint?.sub || !audience.includes(client.id)) {
    throw oauth("invalid_request", "id_token_hint is not an ID token issued to this client");
  }
  return hint.sub;
}

/**
 * How the session can answer this request: at once (`satisfied`, with the authentication the
 * code will carry), after a second factor (`step_up`: a password session the request needs at
 * a higher level), or not at all. The citizen is read again first (citizen-standing.ts): a
 * citizen no longer active has no session to answer from, and a lowered registration caps
 * the session's level — a request that needs more than the cap logs in again, never gets less.
 */
async function sessionAnswer(
  deps: AppDeps,
  client: Client,
  session: SessionView,
  request: AuthorizationRequest & { hintedSub: string | null },
  now: number,
): Promise<{ kind: "satisfied"; auth: Authentication } | { kind: "step_up" } | null> {
  const auth = session.authentication;
  if (request.prompt.includes("login") || request.prompt.includes("consent")) return null;
  // auth_time is whole seconds, rounded down, so this errs towards asking again; max_age=0
  // means "log in now" (OIDC Core 3.1.2.1).
  if (
    request.maxAge !== null &&
    (request.maxAge === 0 || now - auth.authTime * 1000 > request.maxAge * 1000)
  ) {
    return null;
  }
  if (request.hintedSub !== null) {
    const sub = await subjectFor(client, session.citizenId, deps.config.subjectSalt);
    if (sub !== request.hintedSub) return null;
  }
  const stands = await standing(deps, session.citizenId, null);
  if (!stands.ok) return null;
  if (request.loginHint !== null && stands.citizen.documentNumber !== request.loginHint) {
    return null;
  }
  const acr = capped(auth.acr, stands.cap);
  if (meetsLevel(acr, request.acr) && request.methods.includes(auth.method)) {
    return { kind: "satisfied", auth: { ...auth, acr } };
  }
  const passwordOnly = auth.method === "password" && !auth.amr.includes("otp");
  return passwordOnly && request.methods.includes("password") ? { kind: "step_up" } : null;
}

/**
 * The second factor a password session needs for this request, as the step its login starts
 * at; null when even password and SMS code cannot reach the level for this citizen.
 */
export async function stepUpStep(
  deps: AppDeps,
  session: SessionView,
  required: AuthorizationRequest["acr"],
): Promise<LoginStep | null> {
  const citizen = await deps.accounts.findById(session.citizenId);
  if (citizen?.status !== "active") return null;
  if (!meetsLevel(passwordLevel(deps.config, citizen.registrationLevel, true), required)) {
    return null;
  }
  const { amr, authTime } = session.authentication;
  return {
    kind: "second_factor",
    citizenId: citizen.id,
    registration: citizen.registrationLevel,
    first: { amr, authTime },
    otpSentAt: null,
    mobileHint: mobileHint(citizen.mobile),
  };
}

export function authorizeRoutes(deps: AppDeps): Hono {
  const { config, logins, sessions, clock, random, audit } = deps;
  const app = new Hono();

  app.on(["GET", "POST"], "/authorize", async (c) => {
    const now = clock.now();
    let phase1: Awaited<ReturnType<typeof trustedTarget>>;
    try {
      phase1 = await trustedTarget(deps, c, now);
    } catch (error) {
      if (error instanceof OAuthError) return authorizeErrorPage(c, error);
      throw error;
    }
    const { client, params, target } = phase1;
    try {
      if ("error" in phase1 && phase1.error) throw phase1.error;
      const request = checkRequest(deps, client, params, target);
      const hintedSub = await hintedSubject(deps, client, params, now);
      const current = await currentSession(c, sessions, { clientId: client.id, now });
      const answer =
        current === null
          ? null
          : await sessionAnswer(deps, client, current.session, { ...request, hintedSub }, now);
      if (current && answer?.kind === "satisfied") {
        const loginId = randomToken(random, 128);
        const { auth } = answer;
        const handle = logins.handleOf(loginId);
        const sid = current.session.sid;
        await recordGrant(deps, { citizenId: auth.citizenId, handle, sid, client, now });
        const code = await newGrantToken(handle, random);
        const created = await logins.get(loginId).startFromSession({
          id: loginId,
          now,
          ttlMs: config.loginTtlMs,
          origin: { authorization: request, browser: null },
          auth,
          code: { hash: code.hash, sid, ttlMs: config.codeTtlMs },
        });
        if (!created) throw oauth("server_error", "Could not start the authorization; try again");
        auditAfterResponse(c, audit, {
          ...requester(c, "citizen", loginId),
          event: "oidc.authorized",
          at: now,
          citizenId: current.session.citizenId,
          detail: { clientId: client.id, from: "session", acr: auth.acr },
        });
        return respond(c, target, config.issuer, { code: code.value }, 302);
      }
      if (request.prompt.includes("none")) {
        throw oauth("login_required", "The citizen must log in");
      }

      const loginId = randomToken(random, 128);
      const step =
        current && answer?.kind === "step_up"
          ? await stepUpStep(deps, current.session, request.acr)
          : null;
      const framed = request.responseMode.kind === "web_message";
      const browser = ensureBrowserCookie(c, () => randomToken(random, 256), framed);
      const started = await logins.get(loginId).start({
        id: loginId,
        now,
        ttlMs: config.loginTtlMs,
        origin: { authorization: request, browser: await sha256(browser) },
        ...(step ? { step } : {}),
      });
      if (!started) throw oauth("server_error", "Could not start the login; try again");
      return c.redirect(`${config.issuer}/login/${loginId}`, 302);
    } catch (error) {
      if (error instanceof OAuthError) {
        return respond(c, target, config.issuer, { error }, 302);
      }
      throw error;
    }
  });

  return app;
}
