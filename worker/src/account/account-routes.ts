/**
 * The citizen's own area (issue 7 §4): what a citizen can do about their permanent password,
 * once logged in at `substantial` in this browser.
 *
 *   GET    /account/login                 log in to the area (through the login app)
 *   GET    /api/account                   who is logged in, the password's state, the live code
 *   POST   /api/account/password          change it: current password + new password
 *   DELETE /api/account/password          cancel it
 *   POST   /api/account/activation-code   a new activation code, by SMS
 *
 * The area is Llave's own "client": its logins run through the same login transaction and
 * login app as an agency's, with the request built here rather than at /authorize, and end in
 * a session instead of a code (oidc/complete-login.ts). Every change is audited in the same
 * batch as the write and told to the citizen on SMS and e-mail. Writes need the session and
 * an Origin of this issuer (the session cookie is SameSite=Lax; the Origin check is on top).
 */
import { type Context, Hono } from "hono";
import { jsonBody, requireJson } from "../api/validate.ts";
import type { AppDeps } from "../app.ts";
import { meetsLevel } from "../assurance/levels.ts";
import { sha256 } from "../crypto/digest.ts";
import { randomToken } from "../crypto/random.ts";
import { Problem } from "../errors.ts";
import type { PasswordHasher } from "../methods/password/password-hasher.ts";
import type { AuthorizationRequest } from "../oidc/authorization-request.ts";
import { stepUpStep } from "../oidc/authorize.ts";
import { ensureBrowserCookie } from "../session/cookie.ts";
import { currentSession } from "../session/current-session.ts";
import type { Citizen } from "../storage/account-store.ts";
import { cancelPassword, changePassword, requestActivationCode } from "./account-actions.ts";
import { accountPageRoutes } from "./account-page.ts";
import { ChangePasswordRequest } from "./account-schemas.ts";

/** The client id the area's logins carry; no agency can register it (ids are slugs ≥ 3). */
export const ACCOUNT_CLIENT_ID = "llave:account";

/** The request the area's logins carry: substantial, any method that can reach it. */
export function accountRequest(deps: AppDeps): AuthorizationRequest {
  return {
    clientId: ACCOUNT_CLIENT_ID,
    redirectUri: `${deps.config.issuer}/account`,
    scope: [],
    state: null,
    nonce: null,
    codeChallenge: "",
    acr: "substantial",
    prompt: [],
    maxAge: null,
    loginHint: null,
    uiLocales: [],
    claims: null,
    methods: ["password", "pin"],
    responseMode: { kind: "own_page", name: "Llave", retry: "/account/login" },
    display: { theme: "auto", style: {} },
  };
}

export function accountRoutes(deps: AppDeps, hasher: PasswordHasher): Hono {
  const { config, accounts, citizens, credentials, sessions, logins, clock, random } = deps;
  const app = new Hono();

  /** The citizen of this browser's session, if it reached substantial; else 401. */
  async function citizenOf(c: Context): Promise<Citizen> {
    const now = clock.now();
    const current = await currentSession(c, sessions, { clientId: null, now });
    const auth = current?.session.authentication;
    if (!auth || !meetsLevel(auth.acr, "substantial")) {
      throw new Problem("login_required", "Log in at the substantial level at /account/login");
    }
    const citizen = await accounts.findById(auth.citizenId);
    if (citizen?.status !== "active") throw new Problem("login_required");
    return citizen;
  }

  /** What the area shows: who, the password's state, the live activation code. */
  async function overview(citizen: Citizen) {
    const now = clock.now();
    const [password, guard, code] = await Promise.all([
      credentials.password(citizen.id),
      citizens.passwordGuard(citizen.id, now),
      credentials.liveActivationCode(citizen.id, now, config.password.activationCodeMaxTries),
    ]);
    const state = !password
      ? "none"
      : guard.blocked
        ? "blocked"
        : now >= password.expiresAt
          ? "expired"
          : "active";
    return {
      citizen: {
        givenName: citizen.givenName,
        familyName: citizen.familyName,
        secondFamilyName: citizen.secondFamilyName,
        documentType: citizen.documentType,
        documentNumber: citizen.documentNumber,
        mobileOnFile: citizen.mobile !== null,
      },
      password: password
        ? { status: state, setAt: password.setAt, expiresAt: password.expiresAt }
        : { status: state },
      activationCode: code ? { delivery: code.delivery, expiresAt: code.expiresAt } : null,
      policy: config.password.policy,
    };
  }

  function sameOrigin(c: Context): void {
    const origin = c.req.header("origin");
    if (origin !== new URL(config.issuer).origin) {
      throw new Problem("invalid_request", "Changes must come from Llave's own pages");
    }
  }

  app.get("/account/login", async (c) => {
    const now = clock.now();
    const current = await currentSession(c, sessions, { clientId: null, now });
    if (current && meetsLevel(current.session.authentication.acr, "substantial")) {
      return c.redirect("/account", 303);
    }
    const step = current ? await stepUpStep(deps, current.session, "substantial") : null;
    const loginId = randomToken(random, 128);
    const browser = ensureBrowserCookie(c, () => randomToken(random, 256), false);
    const started = await logins.get(loginId).start({
      id: loginId,
      now,
      ttlMs: config.loginTtlMs,
      origin: { authorization: accountRequest(deps), browser: await sha256(browser) },
      ...(step ? { step } : {}),
    });
    if (!started) throw new Problem("server_error", "Could not start the login; try again");
    return c.redirect(`/login/${loginId}`, 303);
  });

  app.get("/api/account", async (c) => c.json(await overview(await citizenOf(c))));

  app.post("/api/account/password", requireJson, jsonBody(ChangePasswordRequest), async (c) => {
    sameOrigin(c);
    const citizen = await citizenOf(c);
    const { currentPassword, newPassword } = c.req.valid("json");
    const expiresAt = await changePassword(deps, hasher, c, citizen, currentPassword, newPassword);
    return c.json({ status: "changed" as const, expiresAt });
  });

  app.delete("/api/account/password", async (c) => {
    sameOrigin(c);
    await cancelPassword(deps, c, await citizenOf(c));
    return c.body(null, 204);
  });

  app.post("/api/account/activation-code", async (c) => {
    sameOrigin(c);
    const issued = await requestActivationCode(deps, c, await citizenOf(c));
    return c.json({ delivery: issued.delivery, expiresAt: issued.expiresAt }, 202);
  });

  app.route("/", accountPageRoutes(deps, hasher, { citizenOf, sameOrigin, overview }));
  return app;
}
