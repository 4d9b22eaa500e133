/**
 * SECURITY.md "No enumeration": "Get PIN" answers an unknown citizen, a wrong contrast datum,
 * a suspended citizen and a real citizen with the same status, body and headers, after the same
 * work — the same port calls in the same order, with delivery off the answer's path. (Wall-clock
 * timing is measured in bench/, not here: tests check behaviour, not time.)
 */
import { describe, expect, it } from "vitest";
import type { AppDeps } from "../../worker/src/app.ts";
import { makeDni } from "../../worker/src/identity/documents.ts";
import { decoyKey } from "../../worker/src/methods/pin/pin-code.ts";
import { harness, recording, testEnv } from "./harness.ts";

type Call = string;

/** A delivery that holds every message until released, to show the answer does not wait for it. */
function heldDelivery() {
  let release = () => {};
  const held = new Promise<void>((r) => {
    release = r;
  });
  let sent = 0;
  return {
    wrap: (d: AppDeps): AppDeps => ({
      ...d,
      delivery: {
        supports: (channel) => d.delivery.supports(channel),
        send: async (m) => {
          sent++;
          await held;
          await d.delivery.send(m);
        },
      },
    }),
    release: () => release(),
    sent: () => sent,
  };
}

describe("Get PIN does not reveal whether a citizen exists", () => {
  it("answers the same status, body and headers, after the same port calls", async () => {
    const calls: Record<string, Call[]> = {};
    const answers: Record<string, { status: number; body: string; headers: string }> = {};
    const cases = ["registered", "unknown document", "wrong contrast datum", "suspended"] as const;
    for (const name of cases) {
      const log: Call[] = [];
      const h = harness({ deps: recording(log) });
      const citizen = await h.registerCitizen({
        ...(name === "suspended" ? { status: "suspended" as const } : {}),
      });
      const body = h.pinRequest(citizen);
      if (name === "unknown document")
        body.document = makeDni(Number(citizen.documentNumber.slice(0, 8)) ^ 1);
      if (name === "wrong contrast datum")
        body.contrast = { kind: "dni_validity", value: "2030-01-01" };
      const loginId = await h.startLogin();
      log.length = 0;
      const response = await h.getPin(loginId, body);
      calls[name] = log;
      const headers = [...response.headers].filter(([k]) => k !== "date");
      answers[name] = {
        status: response.status,
        body: await response.text(),
        headers: JSON.stringify(headers),
      };
    }
    expect(answers.registered?.status).toBe(202);
    for (const name of cases) {
      expect(answers[name], name).toEqual(answers.registered);
      expect(calls[name], name).toEqual(calls.registered);
    }
    expect(calls.registered).toEqual([
      "login.get",
      "accounts.findByDocument",
      "login.requestPin",
      "citizens.issuePin",
    ]);
  });

  it("answers before the PIN is delivered: delivery is never on the answer's path", async () => {
    const gate = heldDelivery();
    const h = harness({ deps: gate.wrap });
    const citizen = await h.registerCitizen();
    const loginId = await h.startLogin();
    const { app } = h;
    const answer = await app.request(
      `https://llave.test/api/logins/${loginId}/pin`,
      {
        method: "POST",
        headers: { "content-type": "application/json", cookie: h.browserCookie() },
        body: JSON.stringify(h.pinRequest(citizen)),
      },
      {},
    );
    expect(answer.status).toBe(202);
    // Not even started when the answer is out (afterResponse waits a turn)…
    expect(gate.sent()).toBe(0);
    await new Promise((r) => setTimeout(r, 10));
    // …then under way, held, while the citizen already has the answer.
    expect(gate.sent()).toBe(1);
    expect(await h.delivered(citizen.mobile ?? "")).toHaveLength(0);
    gate.release();
    await new Promise((r) => setTimeout(r, 50));
    expect(await h.delivered(citizen.mobile ?? "")).toHaveLength(1);
  });

  it("verifying after a send the hourly limit refused reads like a wrong PIN too", async () => {
    const h = harness();
    const citizen = await h.registerCitizen();
    for (let i = 0; i < 10; i++) {
      await h.loginWithPin(citizen);
      h.clock.advance(60_000);
    }
    const loginId = await h.startLogin();
    expect((await h.getPin(loginId, h.pinRequest(citizen))).status).toBe(202);
    expect(await h.delivered(citizen.mobile ?? "")).toHaveLength(10);
    const first = (await (await h.verify(loginId, "123456")).json()) as Record<string, unknown>;
    expect(first).toMatchObject({ code: "invalid_pin", triesLeft: 4 });
  });

  it("an unknown document has one decoy across logins, with a failure counter like a citizen's", async () => {
    const h = harness();
    const document = { type: "DNI", number: makeDni(22334455) };
    const body = { document: document.number, contrast: { value: "2030-01-01" }, channel: "sms" };
    const stub = testEnv.CITIZENS.get(
      testEnv.CITIZENS.idFromName(await decoyKey(h.config.pinPepper, document)),
    );
    const before = await stub.failureCount();
    for (let round = 0; round < 2; round++) {
      const loginId = await h.startLogin();
      expect((await h.getPin(loginId, body)).status).toBe(202);
      expect((await h.verify(loginId, "123456")).status).toBe(400);
      h.clock.advance(60_000);
    }
    expect(await stub.failureCount()).toBe(before + 2);
  });

  it("verifying on an unknown citizen's login reads like a wrong PIN", async () => {
    const h = harness();
    const loginId = await h.startLogin();
    const body = {
      document: makeDni(11111111),
      contrast: { kind: "dni_validity", value: "2030-01-01" },
      channel: "sms",
    };
    expect((await h.getPin(loginId, body)).status).toBe(202);
    const tries: unknown[] = [];
    for (let i = 0; i < 5; i++) tries.push(await (await h.verify(loginId, "123456")).json());
    expect(tries.map((t) => (t as { triesLeft: number }).triesLeft)).toEqual([4, 3, 2, 1, 0]);
    expect(tries[0]).toMatchObject({ code: "invalid_pin", status: 400 });
    expect(await (await h.verify(loginId, "123456")).json()).toMatchObject({
      code: "pin_not_active",
    });
  });
});
