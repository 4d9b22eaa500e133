/**
 * SECURITY.md "No enumeration", for the mobile method: starting the app's activation and
 * sending a push answer a registered citizen, an unknown document, a wrong contrast datum and
 * a suspended citizen alike — status, headers and body shape — after the same port calls
 * before the answer. Delivery (the SMS code, the push into the app) happens after it.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { makeDni } from "../../worker/src/identity/documents.ts";
import { harness, recording, testEnv } from "./harness.ts";
import { activateDevice, identity } from "./mobile-support.ts";

const CASES = ["registered", "unknown document", "wrong contrast datum", "suspended"] as const;

/** Masks what is random or time-dependent in an answer, keeping its shape. */
const shape = (body: string) =>
  body
    .replace(/"(activationId)":"[^"]+"/g, '"$1":"…"')
    .replace(/"(number|expiresAt|version)":\d+/g, '"$1":0');

async function compare(path: (loginId: string) => string, withDevice: boolean) {
  const calls: Record<string, string[]> = {};
  const answers: Record<string, { status: number; body: string; headers: string }> = {};
  for (const name of CASES) {
    const log: string[] = [];
    const h = harness({ deps: recording(log) });
    const citizen = await h.registerCitizen({
      ...(name === "suspended" ? { status: "suspended" as const } : {}),
    });
    if (withDevice && name !== "suspended") await activateDevice(h, citizen);
    const body = identity(citizen);
    if (name === "unknown document")
      body.document = makeDni(Number(citizen.documentNumber.slice(0, 8)) ^ 1);
    if (name === "wrong contrast datum")
      body.contrast = { kind: "dni_validity", value: "2030-01-01" };
    const loginId = await h.startLogin();
    log.length = 0;
    const ctx = createExecutionContext();
    const request = new Request(`https://llave.test${path(loginId)}`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: h.browserCookie() },
      body: JSON.stringify(body),
    });
    const response = await h.app.request(request, undefined, testEnv, ctx);
    calls[name] = [...log];
    const headers = [...response.headers].filter(([k]) => k !== "date" && k !== "dpop-nonce");
    answers[name] = {
      status: response.status,
      body: shape(await response.text()),
      headers: JSON.stringify(headers),
    };
    await waitOnExecutionContext(ctx);
  }
  for (const name of CASES) {
    expect(answers[name], name).toEqual(answers.registered);
    expect(calls[name], name).toEqual(calls.registered);
  }
  return { calls: calls.registered, answer: answers.registered };
}

describe("the mobile method does not reveal whether a citizen exists", () => {
  it("push: same answer and same calls, with or without a citizen and an app", async () => {
    const { calls, answer } = await compare((id) => `/api/logins/${id}/mobile/push`, true);
    expect(answer?.status).toBe(202);
    expect(calls).toEqual([
      "login.get",
      "accounts.findByDocument",
      "apps.admitPush",
      "login.get",
      "login.startMobile",
    ]);
  });

  it("app activation: same answer and same calls", async () => {
    const { calls, answer } = await compare(() => "/api/app/activation", false);
    expect(answer?.status).toBe(202);
    expect(calls).toEqual(["limits.hit", "accounts.findByDocument", "citizens.issuePin"]);
  });
});
