/**
 * SECURITY.md "Login transactions and accounts": a lockout cannot lock a citizen out for good.
 * The account-wide hard stop lifts by itself a full decay period (FAILURE_DECAY_SECONDS, a
 * day) after the last failure, old failures stop counting, a login with the Llave app lifts it
 * at once, and the locked answer says what is true: until when, and who can lift it sooner.
 */
import { describe, expect, it } from "vitest";
import { harness, type ProblemBody } from "./harness.ts";
import { citizenStub, lockOut } from "./lockout-support.ts";
import {
  activateBoundDevice,
  activateDevice,
  answer,
  pastBindingWait,
  scan,
  startQr,
} from "./mobile-support.ts";
import {
  citizenObject,
  GOOD_PASSWORD,
  passwordHarness,
  passwordLogin,
  randomIp,
  storePassword,
} from "./password-support.ts";

const DAY = 86_400_000;

describe("the account-wide hard stop", () => {
  it("lifts by itself a day after the last failure, and says so instead of a recovery that does not exist", async () => {
    const h = harness();
    const citizen = await h.registerCitizen();
    const last = await lockOut(h, citizen);
    expect(h.config.failures.decayMs).toBe(DAY);

    h.clock.advance(3_600_000);
    const login = await h.startLogin();
    // Get PIN answers as ever (no enumeration); no PIN is sent to a locked citizen.
    expect((await h.getPin(login, h.pinRequest(citizen))).status).toBe(202);
    const locked = await h.verify(login, "123456");
    expect(locked.status).toBe(423);
    const body = (await locked.json()) as ProblemBody;
    const until = last + DAY;
    expect(body).toMatchObject({
      code: "pin_locked",
      lockedUntil: new Date(until).toISOString(),
      retryAfter: Math.ceil((until - h.clock.now()) / 1000),
    });
    expect(locked.headers.get("retry-after")).toBe(String(body.retryAfter));
    expect(body.detail).toContain(new Date(until).toISOString());
    expect(body.detail).not.toMatch(/recovery/i);
    const notice = (await h.outbox.list({ to: citizen.mobile ?? "" })).find(
      (m) => m.kind === "pin_locked",
    );
    expect(notice?.text).toMatch(/hasta el/);
    expect(notice?.text).not.toMatch(/recuperación/);

    h.clock.set(until - 1);
    const early = await h.startLogin();
    await h.getPin(early, h.pinRequest(citizen));
    expect((await h.verify(early, "123456")).status).toBe(423);

    h.clock.set(until);
    const again = await h.loginWithPin(citizen);
    const ok = await h.verify(again.loginId, again.pin);
    expect(ok.status).toBe(200);
    expect(await citizenStub(citizen).failureCount()).toBe(0);
  }, 120_000);

  it("a login approved in the Llave app lifts it at once, and the approval audits what it cleared", async () => {
    const h = harness();
    const citizen = await h.registerCitizen();
    const device = await activateBoundDevice(h, citizen);
    await lockOut(h, citizen);

    const loginId = await h.startLogin();
    const qr = await startQr(h, loginId);
    const scanned = await scan(device, qr.frame ?? "");
    const approved = await answer(device, scanned.body.approval.id, {
      decision: "approve",
      number: qr.number,
    });
    expect(approved.status).toBe(200);
    expect(await citizenStub(citizen).failureCount()).toBe(0);
    const events = await h.deps.audit.list({ citizenId: citizen.id, limit: 5 });
    expect(events.find((e) => e.event === "mobile.approved")?.detail).toMatchObject({
      clearedFailures: h.config.failures.hardStop,
    });

    // The PIN works again straight away.
    const next = await h.loginWithPin(citizen);
    expect((await h.verify(next.loginId, next.pin)).status).toBe(200);
  }, 120_000);
});

describe("a device in its binding wait", () => {
  it("lifts no password pause: it proves no more than the SMS it was bound with", async () => {
    const h = passwordHarness();
    const citizen = await h.registerCitizen();
    await storePassword(h, citizen);
    const device = await activateDevice(h, citizen);
    // Five wrong passwords pause the password…
    for (let i = 0; i < 5; i++) {
      const login = await h.startLogin();
      const wrong = await passwordLogin(h, login, citizen, `${GOOD_PASSWORD} ${i}`, {
        "cf-connecting-ip": randomIp(),
      });
      expect(wrong.status).toBe(400);
    }
    expect(await citizenObject(citizen.id).passwordGuard()).toMatchObject({ failures: 5 });
    // …and an approval from a device activated by SMS alone does not lift the pause…
    const loginId = await h.startLogin();
    const qr = await startQr(h, loginId);
    const scanned = await scan(device, qr.frame ?? "");
    const approved = await answer(device, scanned.body.approval.id, {
      decision: "approve",
      number: qr.number,
    });
    expect(approved.status).toBe(200);
    expect(await citizenObject(citizen.id).passwordGuard()).toMatchObject({ failures: 5 });
    // …while one from the same device past its wait does.
    pastBindingWait(h);
    const later = await h.startLogin();
    const qr2 = await startQr(h, later);
    const scanned2 = await scan(device, qr2.frame ?? "");
    await answer(device, scanned2.body.approval.id, { decision: "approve", number: qr2.number });
    expect(await citizenObject(citizen.id).passwordGuard()).toMatchObject({ failures: 0 });
  }, 120_000);
});

describe("old failures decay", () => {
  it("failures two quiet days old count two fewer towards the back-off", async () => {
    const h = harness();
    const citizen = await h.registerCitizen();
    for (let round = 0; round < 2; round++) {
      const { loginId, pin } = await h.loginWithPin(citizen);
      const wrong = pin === "000000" ? "111111" : "000000";
      for (let i = 0; i < 5; i++) expect((await h.verify(loginId, wrong)).status).toBe(400);
    }
    // 10 failures: the back-off has started.
    const soon = await h.loginWithPin(citizen);
    expect((await h.verify(soon.loginId, soon.pin)).status).toBe(429);

    h.clock.advance(2 * DAY);
    const { loginId, pin } = await h.loginWithPin(citizen);
    const wrong = pin === "000000" ? "111111" : "000000";
    expect((await h.verify(loginId, wrong)).status).toBe(400);
    // 10 - 2 + 1 = 9 failures count: below the back-off, the right PIN is checked at once.
    expect(await citizenStub(citizen).failureCount()).toBe(9);
    expect((await h.verify(loginId, pin)).status).toBe(200);
  });
});
