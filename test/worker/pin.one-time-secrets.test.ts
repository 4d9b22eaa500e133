/**
 * SECURITY.md "One-time secrets", through the app with real Durable Objects and libSQL. Each
 * test names the property it proves.
 */
import { abortAllDurableObjects, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import type { CitizenPinState } from "../../worker/src/methods/pin/pin-challenge.ts";
import { harness, type ProblemBody, testEnv } from "./harness.ts";

const code = async (response: Response) => ((await response.json()) as ProblemBody).code;

describe("one-time PINs", () => {
  it("are made of CSPRNG digits, at least 6 of them, all different across logins", async () => {
    const h = harness();
    const pins = new Set<string>();
    for (let i = 0; i < 8; i++) {
      const citizen = await h.registerCitizen();
      pins.add((await h.loginWithPin(citizen)).pin);
    }
    for (const pin of pins) expect(pin).toMatch(/^\d{6,}$/);
    expect(pins.size).toBe(8);
  });

  it("are stored only hashed and never logged: the citizen's object holds a digest", async () => {
    const logged: unknown[] = [];
    const spies = (["log", "info", "warn", "error", "debug"] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((...args) => void logged.push(...args)),
    );
    const h = harness();
    const citizen = await h.registerCitizen();
    const { loginId, pin } = await h.loginWithPin(citizen);
    const stub = testEnv.CITIZENS.get(testEnv.CITIZENS.idFromName(citizen.id));
    const stored = await runInDurableObject(stub, (_, state) => {
      return JSON.stringify([...state.storage.kv.list()]);
    });
    expect(stored).not.toContain(pin);
    const pinState = await runInDurableObject(stub, (_, state) =>
      state.storage.kv.get<CitizenPinState>("pin"),
    );
    expect(pinState?.challenge).toMatchObject({ status: "active" });
    expect(JSON.stringify(pinState)).not.toContain(pin);
    await h.verify(loginId, pin === "000000" ? "111111" : "000000");
    await h.verify(loginId, pin);
    for (const spy of spies) spy.mockRestore();
    expect(JSON.stringify(logged)).not.toContain(pin);
  });

  it("are rejected after 10 minutes by timestamp, with no alarm having run", async () => {
    const h = harness();
    const citizen = await h.registerCitizen();
    const { loginId, pin } = await h.loginWithPin(citizen);
    h.clock.advance(10 * 60_000);
    const response = await h.verify(loginId, pin);
    expect(response.status).toBe(400);
    expect(await code(response)).toBe("pin_expired");
  });

  it("are accepted just before expiry", async () => {
    const h = harness();
    const citizen = await h.registerCitizen();
    const { loginId, pin } = await h.loginWithPin(citizen);
    h.clock.advance(10 * 60_000 - 1);
    expect((await h.verify(loginId, pin)).status).toBe(200);
  });

  it("are accepted once: a second use fails", async () => {
    const h = harness();
    const citizen = await h.registerCitizen();
    const { loginId, pin } = await h.loginWithPin(citizen);
    expect((await h.verify(loginId, pin)).status).toBe(200);
    const again = await h.verify(loginId, pin);
    expect(again.status).toBe(409);
    expect(await code(again)).toBe("already_authenticated");
  });

  it("from transaction A fail on transaction B", async () => {
    const h = harness();
    const citizen = await h.registerCitizen();
    const other = await h.registerCitizen();
    const a = await h.loginWithPin(citizen);
    const b = await h.loginWithPin(other);
    const response = await h.verify(b.loginId, a.pin === b.pin ? "999999" : a.pin);
    expect(response.status).toBe(400);
    expect(await code(response)).toBe("invalid_pin");
    expect((await h.verify(a.loginId, a.pin)).status).toBe(200);
  });

  it("racing: two correct submissions on one citizen, exactly one succeeds", async () => {
    const h = harness();
    const citizen = await h.registerCitizen();
    const { loginId, pin } = await h.loginWithPin(citizen);
    const results = await Promise.all(Array.from({ length: 6 }, () => h.verify(loginId, pin)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 200).every((s) => s === 409)).toBe(true);
  });

  it("a resend invalidates the previous PIN and keeps the failure count", async () => {
    const h = harness();
    const citizen = await h.registerCitizen();
    const { loginId, pin: first } = await h.loginWithPin(citizen);
    const wrong = first === "123456" ? "654321" : "123456";
    expect((await h.verify(loginId, wrong)).status).toBe(400);

    const early = await h.getPin(loginId, h.pinRequest(citizen));
    expect(early.status).toBe(429);
    expect(early.headers.get("retry-after")).toBe("30");
    h.clock.advance(30_000);
    expect((await h.getPin(loginId, h.pinRequest(citizen))).status).toBe(202);
    const second = await h.latestPin(citizen.mobile ?? "");

    if (first !== second) {
      const old = await h.verify(loginId, first);
      expect(await code(old)).toBe("invalid_pin");
    }
    const stub = testEnv.CITIZENS.get(testEnv.CITIZENS.idFromName(citizen.id));
    expect(await stub.failureCount()).toBe(first !== second ? 2 : 1);
    expect((await h.verify(loginId, second)).status).toBe(200);
    expect(await stub.failureCount()).toBe(0);
  });

  it("allow 5 wrong tries per PIN; the PIN is dead after that", async () => {
    const h = harness();
    const citizen = await h.registerCitizen();
    const { loginId, pin } = await h.loginWithPin(citizen);
    const wrong = pin === "000000" ? "111111" : "000000";
    const left: unknown[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await h.verify(loginId, wrong);
      left.push(((await r.json()) as ProblemBody).triesLeft);
    }
    expect(left).toEqual([4, 3, 2, 1, 0]);
    const after = await h.verify(loginId, pin);
    expect(await code(after)).toBe("pin_not_active");
  });

  it("an SMS instead of the app PIN is allowed after 60 s, not before", async () => {
    const h = harness();
    const citizen = await h.registerCitizen();
    const { loginId } = await h.loginWithPin(citizen, { channel: "app" });
    h.clock.advance(30_000);
    const early = await h.getPin(loginId, h.pinRequest(citizen, { channel: "sms" }));
    expect(early.status).toBe(429);
    expect(await code(early)).toBe("sms_fallback_not_yet");
    h.clock.advance(30_000);
    expect((await h.getPin(loginId, h.pinRequest(citizen, { channel: "sms" }))).status).toBe(202);
    const pin = await h.latestPin(citizen.mobile ?? "");
    expect((await h.verify(loginId, pin)).status).toBe(200);
  });

  it("sends are limited per citizen (10 an hour), silently", async () => {
    const h = harness();
    const citizen = await h.registerCitizen();
    for (let i = 0; i < 12; i++) {
      const loginId = await h.startLogin();
      expect((await h.getPin(loginId, h.pinRequest(citizen))).status).toBe(202);
      h.clock.advance(60_000);
    }
    expect(await h.delivered(citizen.mobile ?? "")).toHaveLength(10);
    const refused = await h.deps.audit.list({ citizenId: citizen.id });
    expect(refused.filter((e) => e.event === "pin.refused")).toHaveLength(2);
  });

  it("a login transaction may ask for at most 5 PINs", async () => {
    const h = harness();
    const citizen = await h.registerCitizen();
    const loginId = await h.startLogin();
    for (let i = 0; i < 5; i++) {
      expect((await h.getPin(loginId, h.pinRequest(citizen))).status).toBe(202);
      h.clock.advance(30_000);
    }
    const sixth = await h.getPin(loginId, h.pinRequest(citizen));
    expect(await code(sixth)).toBe("too_many_pin_requests");
  });

  it("state survives the objects' restart mid-challenge", async () => {
    const h = harness();
    const citizen = await h.registerCitizen();
    const { loginId, pin } = await h.loginWithPin(citizen);
    const wrong = pin === "000000" ? "111111" : "000000";
    await h.verify(loginId, wrong);
    await abortAllDurableObjects();
    const r = await h.verify(loginId, wrong);
    expect(((await r.json()) as ProblemBody).triesLeft).toBe(3);
    await abortAllDurableObjects();
    expect((await h.verify(loginId, pin)).status).toBe(200);
  });

  it("cleanup alarms are idempotent and never revive or lose a live PIN", async () => {
    const h = harness();
    const citizen = await h.registerCitizen();
    const { loginId, pin } = await h.loginWithPin(citizen);
    const stub = testEnv.CITIZENS.get(testEnv.CITIZENS.idFromName(citizen.id));
    await runDurableObjectAlarm(stub);
    await runDurableObjectAlarm(stub);
    expect((await h.verify(loginId, pin)).status).toBe(200);
  });
});
