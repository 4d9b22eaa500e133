/**
 * The mobile method on the login page (docs/mobile.md "Login API"), under /api/logins:
 *
 *   POST /{loginId}/mobile/qr     show an animated QR (starts, or starts again)
 *   POST /{loginId}/mobile/push   document + contrast datum → a request in the citizen's app
 *   GET  /{loginId}/mobile        where it stands, long-polled, with the QR frame to show
 *
 * Push answers alike whether or not the citizen exists or has the app: an unknown citizen's
 * request goes to a decoy object (which keeps the same push limits) and nowhere else, and
 * delivery happens after the answer.
 */
import { type Context, Hono } from "hono";
import {
  matchingCitizen,
  requireContrastDatum,
  requireDocument,
} from "../../api/identity-input.ts";
import { afterResponse, requester } from "../../api/request-context.ts";
import { jsonBody, queryParams, requireJson } from "../../api/validate.ts";
import type { AppDeps } from "../../app.ts";
import { randomToken } from "../../crypto/random.ts";
import { loginProblem, Problem, retryProblem } from "../../errors.ts";
import type { LoginTransaction } from "../../login/login-transaction.ts";
import type { MobileMode } from "../../login/mobile-steps.ts";
import type { MobileStatusView } from "../../objects/login-object.ts";
import { decoyKey } from "../pin/pin-code.ts";
import { pushPolicy } from "./app-inbox.ts";
import { originOf } from "./login-origin.ts";
import { PushRequest, StatusQuery } from "./mobile-schemas.ts";
import { numberChallenge } from "./number-matching.ts";

/** A push request's long poll waits at most this long for a change. */
const PUSH_WAIT_MS = 20_000;

/** The name the app shows for the agency the login is for. */
export async function agencyOf(deps: AppDeps, tx: LoginTransaction): Promise<string> {
  const request = tx.authorization;
  if (!request) return "Llave";
  if (request.responseMode.kind === "own_page") return request.responseMode.name;
  return (await deps.clients.find(request.clientId))?.name ?? request.clientId;
}

const bytesToHex = (bytes: Uint8Array) =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

export function mobileLoginRoutes(deps: AppDeps): Hono {
  const { config, accounts, apps, logins, audit, clock, random } = deps;
  const app = new Hono();

  /** Starts waiting for the app in this login; the page then polls the status. */
  async function start(
    c: Context,
    mode: MobileMode,
    citizenKey: string | null,
  ): Promise<{
    status: MobileStatusView;
    approvalId: string;
    choices: [number, number, number];
    expiresAt: number;
    agency: string;
  }> {
    const loginId = c.req.param("loginId") ?? "";
    const login = logins.get(loginId);
    const tx = await login.get();
    if (!tx) throw new Problem("login_not_found");
    if (tx.authorization && !tx.authorization.methods.includes("mobile")) {
      throw new Problem("invalid_request", "This service does not accept the citizen app");
    }
    const now = clock.now();
    const { number, choices } = numberChallenge(random);
    const agency = await agencyOf(deps, tx);
    const started = await login.startMobile({
      mode,
      startedAt: now,
      number,
      choices,
      qrSecret: mode === "qr" ? bytesToHex(random.bytes(32)) : null,
      citizenKey,
      agency,
      origin: originOf(c),
      bindingMessage: null,
      ttlMs: config.mobile.approvalTtlMs,
      maxRequests: config.pin.maxRequestsPerLogin,
    });
    if (!started.ok) throw loginProblem(started, now);
    if (!started.status) throw new Problem("server_error");
    return {
      status: started.status,
      approvalId: started.approval.id,
      choices,
      expiresAt: started.approval.expiresAt,
      agency,
    };
  }

  app.post("/:loginId/mobile/qr", async (c) => {
    const { status } = await start(c, "qr", null);
    return c.json(status, 201);
  });

  app.post("/:loginId/mobile/push", requireJson, jsonBody(PushRequest), async (c) => {
    const loginId = c.req.param("loginId");
    const body = c.req.valid("json");
    const document = requireDocument(body.document);
    const datum = requireContrastDatum(document, body.contrast);
    const now = clock.now();
    const citizen = await matchingCitizen(accounts, document, datum);
    // Computed either way, so both paths do the same work.
    const decoy = await decoyKey(config.pinPepper, document);
    const citizenKey = citizen?.id ?? decoy;
    const handle = logins.handleOf(loginId);
    const admitted = await apps.admitPush(citizenKey, {
      ref: handle,
      now,
      policy: pushPolicy(config.mobile),
    });
    if (admitted.outcome !== "admitted") {
      if (citizen) {
        afterResponse(c, () =>
          audit.append({
            ...requester(c, "anonymous", loginId),
            event: "mobile.push_refused",
            at: now,
            citizenId: citizen.id,
            detail: { reason: admitted.outcome },
          }),
        );
      }
      throw retryProblem(
        admitted.outcome === "paused" ? "push_paused" : "push_limit",
        admitted.retryAt,
        now,
      );
    }
    const started = await start(c, "push", citizenKey);
    if (citizen) {
      afterResponse(c, async () => {
        const { sockets } = await apps.deliver(citizen.id, {
          id: randomToken(random, 96),
          kind: "approval",
          createdAt: now,
          expiresAt: started.expiresAt,
          ref: started.approvalId,
          approval: {
            id: started.approvalId,
            mode: "push",
            agency: started.agency,
            ...originOf(c),
            choices: started.choices,
            bindingMessage: null,
            expiresAt: started.expiresAt,
          },
        });
        await audit.append({
          ...requester(c, "anonymous", loginId),
          event: "mobile.push_sent",
          at: now,
          citizenId: citizen.id,
          detail: { sockets },
        });
      });
    }
    return c.json(started.status, 202);
  });

  app.get("/:loginId/mobile", queryParams(StatusQuery), async (c) => {
    const loginId = c.req.param("loginId");
    const { after } = c.req.valid("query");
    const status = await logins.get(loginId).mobileStatus({
      now: clock.now(),
      after: after ?? null,
      maxWaitMs: PUSH_WAIT_MS,
    });
    if (!status) throw new Problem("no_mobile_login");
    c.header("cache-control", "no-store");
    return c.json(status);
  });

  return app;
}
