/**
 * What a browser reaches on Llave besides the protocol endpoints (tags "login page" and
 * "citizen's area"): the login page that /authorize hands over to and its two form posts, and
 * the citizen's own area — its pages and the JSON API they call. Pages answer HTML; the
 * area's API answers problem documents.
 */
import { ChangePasswordRequest } from "../../account/account-schemas.ts";
import { json, loginId, problems } from "./shared.ts";

const html = (description: string) => ({ description, content: { "text/html": {} } });
const seeOther = (description: string) => ({
  description,
  headers: { Location: { description: "Where the browser goes", schema: { type: "string" } } },
});

const LOGIN = "login page";
const AREA = "citizen's area";
/** The area's writes need the session and a request from Llave's own origin. */
const AREA_NOTE =
  "Needs the area's session (the __Host-llave-session cookie, at substantial) and, for changes, an Origin of this issuer.";

/** The bodies this area's operations accept. */
export const PAGE_REQUESTS = [ChangePasswordRequest];

const areaForm = (operationId: string, summary: string) => ({
  post: {
    operationId,
    summary,
    description: `The page's form. ${AREA_NOTE} Back to /account with what happened, or the page again with the reason.`,
    tags: [AREA],
    responses: {
      "303": seeOther("To /account?done=…, or to /account/login without a session"),
      "400": html("The page again, with the reason"),
    },
  },
});

const DEVICE = "new device";
const cancelToken = {
  name: "token",
  in: "path",
  required: true,
  description: "The single-use token of the link sent on every contact when a device was activated",
  schema: { type: "string" },
};

export const pagePaths = {
  "/devices/cancel/{token}": {
    get: {
      operationId: "deviceCancelPage",
      summary: "The link in a new device's notice: names the device and asks to confirm",
      description:
        "Changes nothing, so that link scanners in mail and SMS apps cannot revoke a device (docs/mobile.md, Binding a new device).",
      tags: [DEVICE],
      parameters: [cancelToken],
      responses: {
        "200": html("The confirmation page"),
        "404": html("The link is unknown, malformed or already used"),
      },
    },
    post: {
      operationId: "deviceCancel",
      summary: "Revokes the new device, once; every contact is told",
      tags: [DEVICE],
      parameters: [cancelToken],
      responses: {
        "200": html("The device is revoked"),
        "404": html("The link is unknown, malformed or already used"),
      },
    },
  },
  "/login/{loginId}": {
    get: {
      operationId: "loginPage",
      summary: "The login page /authorize hands over to",
      description:
        "Runs the login API (/api/logins/{loginId}/…) in the browser that started the login.",
      tags: [LOGIN],
      parameters: [loginId],
      responses: {
        "200": html("The login page, framable only by the client's registered frameOrigins"),
        "404": html("No such login, or it has ended"),
      },
    },
  },
  "/login/{loginId}/continue": {
    post: {
      operationId: "continueLogin",
      summary: "Finish an authenticated login: back to the agency with the answer",
      description:
        "Only from the browser that started the login at /authorize, and from Llave's own origin.",
      tags: [LOGIN],
      parameters: [loginId],
      responses: {
        "303": seeOther(
          "To the client's redirect_uri with code, state and iss (or error); back to /login/{loginId} while the login is not authenticated",
        ),
        "200": html("With response_mode=web_message, the page that posts the answer"),
        "403": html("Started in another browser, or already completed: start again at the service"),
      },
    },
  },
  "/login/{loginId}/cancel": {
    post: {
      operationId: "cancelLogin",
      summary: "The citizen gives up: back to the agency with error=access_denied",
      tags: [LOGIN],
      parameters: [loginId],
      responses: {
        "303": seeOther("To the client's redirect_uri with error=access_denied, state and iss"),
        "200": html("With response_mode=web_message, the page that posts the answer"),
        "403": html("Started in another browser: nothing to cancel here"),
      },
    },
  },
  "/account/login": {
    get: {
      operationId: "accountLogin",
      summary: "Log in to the citizen's area (through the login page, at substantial)",
      tags: [AREA],
      responses: { "303": seeOther("To /account with a session, else to /login/{loginId}") },
    },
  },
  "/account": {
    get: {
      operationId: "accountPage",
      summary: "The citizen's area: their password and activation code",
      tags: [AREA],
      parameters: [
        {
          name: "done",
          in: "query",
          description: "What the last action did, to say so",
          schema: { enum: ["changed", "code", "cancelled"] },
        },
      ],
      responses: {
        "200": html("The page"),
        "303": seeOther("To /account/login without a session"),
      },
    },
  },
  "/account/password": areaForm("accountChangePasswordForm", "Change the password (form)"),
  "/account/cancel": areaForm("accountCancelPasswordForm", "Cancel the password (form)"),
  "/account/code": areaForm("accountActivationCodeForm", "A new activation code by SMS (form)"),
  "/api/account": {
    get: {
      operationId: "getAccount",
      summary: "Who is logged in to the area, their password's state, their live code",
      description: AREA_NOTE,
      tags: [AREA],
      responses: {
        "200": { description: "The overview", content: { "application/json": {} } },
        ...problems("login_required"),
      },
    },
  },
  "/api/account/password": {
    post: {
      operationId: "changeAccountPassword",
      summary: "Change the password: the current one and the new one",
      description: AREA_NOTE,
      tags: [AREA],
      requestBody: { required: true, content: json(ChangePasswordRequest) },
      responses: {
        "200": {
          description: "Changed: { status, expiresAt }",
          content: { "application/json": {} },
        },
        ...problems(
          "invalid_request",
          "login_required",
          "invalid_credentials",
          "no_password_change",
          "weak_password",
          "login_backoff",
          "login_blocked",
          "password_busy",
          "payload_too_large",
          "unsupported_media_type",
        ),
      },
    },
    delete: {
      operationId: "cancelAccountPassword",
      summary: "Cancel the password",
      description: AREA_NOTE,
      tags: [AREA],
      responses: {
        "204": { description: "Cancelled" },
        ...problems("invalid_request", "login_required", "no_password_change"),
      },
    },
  },
  "/api/account/activation-code": {
    post: {
      operationId: "requestAccountActivationCode",
      summary: "A new activation code, by SMS",
      description: AREA_NOTE,
      tags: [AREA],
      responses: {
        "202": {
          description: "Sent: { delivery, expiresAt }",
          content: { "application/json": {} },
        },
        ...problems(
          "invalid_request",
          "login_required",
          "too_many_pin_requests",
          "resend_cooldown",
        ),
      },
    },
  },
};
