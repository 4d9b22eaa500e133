/**
 * SECURITY.md "Login transactions and accounts": no one who knows only public data can force a
 * citizen into a letter-based re-activation. Wrong passwords need only a document number, so
 * they pause the password (15 minutes after the 5th, doubling, at most a day) and never block
 * it: once a pause ends, the citizen's own password works with no activation code. Pauses are
 * audited and told on every contact, with when they end.
 */
import { describe, expect, it } from "vitest";
import type { Citizen } from "../../worker/src/storage/account-store.ts";
import type { Harness } from "./harness.ts";
import {
  activate,
  citizenObject,
  GOOD_PASSWORD,
  passwordHarness,
  passwordLogin,
  problem,
} from "./password-support.ts";

const MINUTE = 60_000;
const DAY = 86_400_000;

/** A stranger's guess on a login of their own, from a network of their own. */
async function strangerGuess(h: Harness, citizen: Citizen, i: number) {
  const response = await passwordLogin(h, await h.startLogin(), citizen, `a ver si es ${i}`);
  return { status: response.status, code: (await problem(response)).code };
}

const citizenLogin = async (h: Harness, citizen: Citizen) =>
  (await passwordLogin(h, await h.startLogin(), citizen, GOOD_PASSWORD)).status;

describe("wrong passwords from a stranger", () => {
  it("pause the password for 15 minutes; then the citizen's own password works, with no activation code", async () => {
    const h = passwordHarness();
    const citizen = await h.registerCitizen();
    await activate(h, citizen);
    for (let i = 0; i < 5; i++) {
      expect(await strangerGuess(h, citizen, i)).toEqual({
        status: 400,
        code: "invalid_credentials",
      });
    }
    // Paused: even the right password is not compared now…
    expect(await citizenLogin(h, citizen)).toBe(400);
    expect(await citizenObject(citizen.id).passwordGuard(h.clock.now())).toMatchObject({
      blocked: true,
      pausedUntil: h.clock.now() + 15 * MINUTE,
    });
    // …and the pause ends by itself.
    h.clock.advance(15 * MINUTE);
    expect(await citizenLogin(h, citizen)).toBe(200);
    expect(await citizenObject(citizen.id).passwordGuard(h.clock.now())).toMatchObject({
      failures: 0,
      blocked: false,
    });
  });

  it("however long they keep guessing, a pause never lasts more than a day, and guesses slow to one a day", async () => {
    const h = passwordHarness();
    const citizen = await h.registerCitizen();
    await activate(h, citizen);
    const start = h.clock.now();
    let compared = 0;
    // The stranger guesses whenever the password can be tried, for two weeks.
    while (h.clock.now() < start + 14 * DAY) {
      const guard = await citizenObject(citizen.id).passwordGuard(h.clock.now());
      if (guard.pausedUntil !== null) {
        expect(guard.pausedUntil - h.clock.now()).toBeLessThanOrEqual(DAY);
        h.clock.set(guard.pausedUntil);
        continue;
      }
      const before = guard.failures;
      await strangerGuess(h, citizen, compared);
      const after = await citizenObject(citizen.id).passwordGuard(h.clock.now());
      if (after.failures > before || after.blocked) compared++;
      else h.clock.advance(MINUTE); // the account-wide back-off refused it: wait and retry
    }
    // 5, then the doubling pauses (15 min … 16 h), then about one a day.
    expect(compared).toBeLessThan(35);
    const guard = await citizenObject(citizen.id).passwordGuard(h.clock.now());
    h.clock.set(guard.pausedUntil ?? h.clock.now());
    expect(await citizenLogin(h, citizen)).toBe(200);
  }, 120_000);

  it("each pause that starts a run is audited and told on every contact, with when it ends", async () => {
    const h = passwordHarness();
    const citizen = await h.registerCitizen({ email: `pause-${Date.now()}@example.es` });
    await activate(h, citizen);
    for (let i = 0; i < 5; i++) await strangerGuess(h, citizen, i);
    // Attempts during the pause tell nobody again.
    for (let i = 0; i < 3; i++) await strangerGuess(h, citizen, 10 + i);
    const sms = await h.outbox.list({ to: citizen.mobile ?? "", limit: 1000 });
    const mail = await h.outbox.list({ to: citizen.email ?? "", limit: 1000 });
    const notices = [...sms, ...mail].filter((m) => m.kind === "password_blocked");
    expect(notices.map((m) => m.channel).sort()).toEqual(["email", "sms"]);
    for (const notice of notices) {
      expect(notice.text).toMatch(/pausado/);
      expect(notice.text).toMatch(/desde el/);
      expect(notice.text).not.toMatch(/código de activación/);
    }
    const events = await h.deps.audit.list({ citizenId: citizen.id, limit: 1000 });
    const paused = events.filter((e) => e.event === "password.blocked");
    expect(paused).toHaveLength(1);
    expect(paused[0]?.detail).toMatchObject({ notified: 2 });
    const failed = events.filter((e) => e.event === "password.failed");
    expect(failed.filter((e) => e.detail?.refused === "paused")).toHaveLength(3);
  });
});
