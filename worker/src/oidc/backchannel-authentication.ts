/**
 * The backchannel authentication endpoint (OpenID CIBA Core 1.0, poll mode):
 * `POST /backchannel-authentication`, with the client's authentication exactly as at /token.
 * An agency's backend — a call centre — names the citizen by document number and gives a
 * binding message; the request appears in the citizen's app as a push does, with number
 * matching. The answer is the `auth_req_id` to poll /token with (backchannel-token.ts) and
 * Llave's `match_number`: the number the operator reads out, which the citizen must pick among
 * three in the app (SECURITY.md: a bare approve never completes a login).
 *
 * CIBA names the citizen openly, so an unknown, suspended or app-less citizen is
 * `unknown_user_id` (the client learns only what it could learn by phoning them). The app's
 * push limits apply as to a push login: a refused request is `access_denied`, audited.
 */
import { Hono } from "hono";
import { auditAfterResponse, requester } from "../api/request-context.ts";
import type { AppDeps } from "../app.ts";
import { assertedLevel, meetsLevel } from "../assurance/levels.ts";
import { randomToken } from "../crypto/random.ts";
import type { ParsedDocument } from "../identity/documents.ts";
import { pushPolicy } from "../methods/mobile/app-inbox.ts";
import { bestDeviceLevel } from "../methods/mobile/device-level.ts";
import { numberChallenge } from "../methods/mobile/number-matching.ts";
import type { Client } from "../storage/client-store.ts";
import type { AuthorizationRequest } from "./authorization-request.ts";
import { citizenHint } from "./checks/backchannel-hint.ts";
import { backchannelLevel } from "./checks/backchannel-level.ts";
import { bindingMessage } from "./checks/binding-message.ts";
import { parseClaims } from "./checks/claims-parameter.ts";
import { type Params, singleValued } from "./checks/params.ts";
import { requestedExpiry } from "./checks/requested-expiry.ts";
import { grantedScope } from "./checks/scope.ts";
import { limitClaims } from "./claims.ts";
import { clientEndpoint } from "./client-endpoint.ts";
import { newGrantToken } from "./grant-tokens.ts";
import { oauth } from "./oauth-error.ts";

export const BACKCHANNEL_PATH = "/backchannel-authentication";
/** Seconds between polls (CIBA Core 7.3 `interval`); a sooner poll is `slow_down`. */
export const BACKCHANNEL_INTERVAL_S = 5;

/** Parameters Llave does not implement: refused, so a client never thinks they were honoured. */
const UNSUPPORTED: Record<string, string> = {
  user_code: "user_code is not supported",
  request: "Signed authentication requests (request) are not supported",
};

/** The answer to a valid request (CIBA Core 7.3, and Llave's `match_number`). */
export type BackchannelAnswer = {
  auth_req_id: string;
  expires_in: number;
  interval: number;
  /** The two-digit number the operator reads out; the citizen picks it in the app. */
  match_number: number;
};

/** Everything that can be checked before the citizen is looked up. */
function checkRequest(deps: AppDeps, client: Client, params: Params) {
  for (const [name, refusal] of Object.entries(UNSUPPORTED)) {
    if (params[name] !== undefined) throw oauth("invalid_request", refusal);
  }
  if (params.scope === undefined) throw oauth("invalid_request", "scope is missing");
  const scope = grantedScope(client, params);
  const document = citizenHint(params);
  const message = bindingMessage(params);
  const claims = parseClaims(params);
  const acr = backchannelLevel(deps.config, client, params, claims);
  const ttlMs = requestedExpiry(params, deps.config.mobile.approvalTtlMs);
  // The request as a login transaction carries it. No browser takes part: there is no redirect
  // URI, state, PKCE or response mode, and no code is ever issued from it (issueCode refuses).
  const authorization: AuthorizationRequest = {
    clientId: client.id,
    redirectUri: "",
    scope,
    state: null,
    nonce: null,
    codeChallenge: "",
    acr,
    prompt: [],
    maxAge: null,
    loginHint: document.number,
    uiLocales: [],
    claims: limitClaims(claims, client.scopes),
    methods: ["mobile"],
    responseMode: { kind: "query" },
    display: { theme: "auto", style: {} },
  };
  return { authorization, document, message, ttlMs };
}

/** The citizen the request is for, if they can be asked in the app at the level required. */
async function reachableCitizen(
  deps: AppDeps,
  document: ParsedDocument,
  level: AuthorizationRequest["acr"],
) {
  const citizen = await deps.accounts.findByDocument(document.type, document.number);
  // A suspended or revoked citizen reads as unknown: they cannot be asked anything.
  if (citizen?.status !== "active") {
    throw oauth("unknown_user_id", "No active citizen has this document number");
  }
  const devices = await deps.devices.list(citizen.id);
  const { assurance } = deps.config;
  // A device in its binding wait approves at `low` only (methods/mobile/device-level.ts).
  const byDevice = bestDeviceLevel(devices, assurance.mobile, deps.clock.now());
  if (byDevice === null) {
    throw oauth("unknown_user_id", "The citizen has not activated the citizen app");
  }
  const reachable = assertedLevel(assurance, citizen.registrationLevel, byDevice);
  if (!meetsLevel(reachable, level)) {
    const why = meetsLevel(byDevice, level)
      ? "This citizen's registration allows"
      : "This citizen's app was activated recently and can approve";
    throw oauth(
      "access_denied",
      `${why} at most the ${reachable} level; the request needs ${level}`,
    );
  }
  return citizen;
}

export function backchannelRoutes(deps: AppDeps): Hono {
  const { config, apps, logins, audit, random } = deps;
  const app = new Hono();

  app.post(
    BACKCHANNEL_PATH,
    clientEndpoint(deps, BACKCHANNEL_PATH, async (c, client, form, now) => {
      const { authorization, document, message, ttlMs } = checkRequest(
        deps,
        client,
        singleValued(form),
      );
      const citizen = await reachableCitizen(deps, document, authorization.acr);
      const loginId = randomToken(random, 128);
      const handle = logins.handleOf(loginId);
      const base = { ...requester(c, "anonymous", loginId), at: now, citizenId: citizen.id };

      const admitted = await apps.admitPush(citizen.id, {
        ref: handle,
        now,
        policy: pushPolicy(config.mobile),
      });
      if (admitted.outcome !== "admitted") {
        auditAfterResponse(c, audit, {
          ...base,
          event: "mobile.push_refused",
          detail: { reason: admitted.outcome, mode: "ciba", clientId: client.id },
        });
        const wait = Math.max(1, Math.ceil((admitted.retryAt - now) / 1000));
        throw oauth(
          "access_denied",
          admitted.outcome === "paused"
            ? `The citizen's app is not taking requests now (too many unanswered, or one reported); try again in ${wait} s`
            : `Too many requests to this citizen's app in the last hour; try again in ${wait} s`,
        );
      }

      const { number, choices } = numberChallenge(random);
      const authReqId = await newGrantToken(handle, random);
      const approval = await logins.get(loginId).startBackchannel(
        {
          id: loginId,
          now,
          ttlMs,
          origin: { authorization, browser: null },
          hash: authReqId.hash,
          clientId: client.id,
        },
        {
          number,
          choices,
          qrSecret: null,
          citizenKey: citizen.id,
          agency: client.name,
          // No browser and no place: the app says the request comes from the agency itself.
          origin: { location: null, browser: null },
          bindingMessage: message,
          ttlMs,
          maxRequests: 1,
        },
      );
      if (!approval) throw oauth("server_error", "Could not start the request; try again");
      // Delivered before answering: a request the app never got must not be polled for.
      const { sockets } = await apps.deliver(citizen.id, {
        id: randomToken(random, 96),
        kind: "approval",
        createdAt: now,
        expiresAt: approval.expiresAt,
        ref: handle,
        approval,
      });
      auditAfterResponse(c, audit, {
        ...base,
        event: "mobile.push_sent",
        detail: { sockets, mode: "ciba", clientId: client.id },
      });
      const answer: BackchannelAnswer = {
        auth_req_id: authReqId.value,
        expires_in: Math.round((approval.expiresAt - now) / 1000),
        interval: BACKCHANNEL_INTERVAL_S,
        match_number: number,
      };
      return answer;
    }),
  );

  return app;
}
