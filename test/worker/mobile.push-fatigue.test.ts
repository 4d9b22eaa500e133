/**
 * Push fatigue (SECURITY.md "send-rate limits for SMS and push"; the attack Cl@ve Móvil and
 * others had to fix): pushes to one citizen are limited per hour, consecutive unanswered pushes
 * pause pushing, "I did not start this" pauses it at once, and an approval starts the count
 * again. A new push replaces the one still pending in the app.
 */
import { describe, expect, it } from "vitest";
import type { Citizen } from "../../worker/src/storage/account-store.ts";
import { type Harness, harness } from "./harness.ts";
import { activateDevice, answer, type Device, identity } from "./mobile-support.ts";

const MINUTE = 60_000;

async function push(h: Harness, citizen: Citizen) {
  const loginId = await h.startLogin();
  const response = await h.call("POST", `/api/logins/${loginId}/mobile/push`, identity(citizen));
  const body = (await response.json()) as { number: number; code?: string; retryAfter?: number };
  return { loginId, status: response.status, body };
}

async function pending(device: Device) {
  const inbox = await device.json<{ items: { approval: { id: string } }[] }>(
    "GET",
    "/api/app/inbox",
  );
  return inbox.body.items.map((i) => i.approval.id);
}

describe("push fatigue", () => {
  it("pauses pushes after the unanswered limit, for the configured time", async () => {
    const h = harness();
    const citizen = await h.registerCitizen();
    const limit = h.config.mobile.pushUnansweredLimit;
    for (let i = 0; i < limit; i++) {
      expect((await push(h, citizen)).status).toBe(202);
      h.clock.advance(MINUTE);
    }
    const paused = await push(h, citizen);
    expect(paused.status).toBe(429);
    expect(paused.body.code).toBe("push_paused");
    expect(paused.body.retryAfter).toBe(h.config.mobile.pushPauseMs / 1000);
    h.clock.advance(h.config.mobile.pushPauseMs);
    expect((await push(h, citizen)).status).toBe(202);
  });

  it("an approval starts the unanswered count again", async () => {
    const h = harness();
    const citizen = await h.registerCitizen();
    const device = await activateDevice(h, citizen);
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < h.config.mobile.pushUnansweredLimit - 1; i++) await push(h, citizen);
      const last = await push(h, citizen);
      expect(last.status).toBe(202);
      const [id] = await pending(device);
      const approved = await answer(device, id ?? "", {
        decision: "approve",
        number: last.body.number,
      });
      expect(approved.body.status).toBe("approved");
      h.clock.advance(h.config.mobile.pushPauseMs);
    }
  });

  it("'I did not start this' pauses pushes at once", async () => {
    const h = harness();
    const citizen = await h.registerCitizen();
    const device = await activateDevice(h, citizen);
    await push(h, citizen);
    const [id] = await pending(device);
    expect((await answer(device, id ?? "", { decision: "not_me" })).body.status).toBe("reported");
    const next = await push(h, citizen);
    expect(next.body.code).toBe("push_paused");
  });

  it("limits pushes per rolling hour", async () => {
    const h = harness({
      config: (c) => ({ ...c, mobile: { ...c.mobile, pushUnansweredLimit: 100 } }),
    });
    const citizen = await h.registerCitizen();
    for (let i = 0; i < h.config.mobile.pushesPerHour; i++) {
      expect((await push(h, citizen)).status).toBe(202);
    }
    const limited = await push(h, citizen);
    expect(limited.body.code).toBe("push_limit");
    h.clock.advance(60 * MINUTE);
    expect((await push(h, citizen)).status).toBe(202);
  });

  it("keeps one pending push: a new one replaces it in the app", async () => {
    const h = harness();
    const citizen = await h.registerCitizen();
    const device = await activateDevice(h, citizen);
    await push(h, citizen);
    const [first] = await pending(device);
    const second = await push(h, citizen);
    const ids = await pending(device);
    expect(ids).toHaveLength(1);
    expect(ids[0]).not.toBe(first);
    const stale = await answer(device, first ?? "", {
      decision: "approve",
      number: second.body.number,
    });
    expect(stale.status).not.toBe(200);
  });

  it("applies the same limits to an unknown document, so they reveal nothing", async () => {
    const h = harness();
    const ghost = { ...(await h.registerCitizen()), documentNumber: "00000001R" };
    const limit = h.config.mobile.pushUnansweredLimit;
    for (let i = 0; i < limit; i++) expect((await push(h, ghost)).status).toBe(202);
    expect((await push(h, ghost)).body.code).toBe("push_paused");
  });
});
