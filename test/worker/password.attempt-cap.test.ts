/**
 * SECURITY.md "Passwords" and docs/password.md: 5 consecutive wrong passwords pause the
 * password — however the attempts race, no more than 5 guesses are compared before the pause —
 * until the pause ends, a right password is given after it, or it is set again with an
 * activation code; the pause is audited and told on every contact; and password failures count
 * on the account-wide counter the PIN method keeps, so neither method gives an attacker a fresh
 * budget. (password.lockout-by-stranger.test.ts: how pauses end.)
 */
import { describe, expect, it } from "vitest";
import type { Citizen } from "../../worker/src/storage/account-store.ts";
import type { Harness } from "./harness.ts";
import {
  activate,
  citizenObject,
  GOOD_PASSWORD,
  otherCode,
  passwordHarness,
  passwordLogin,
  problem,
  withMethods,
} from "./password-support.ts";

const WRONG = "no es la contraseña buena";

/** A wrong password on a new login: the problem's code. */
async function wrongAttempt(h: Harness, citizen: Citizen, password = WRONG) {
  const response = await passwordLogin(h, await h.startLogin(), citizen, password);
  const body = await problem(response);
  return { status: response.status, code: body.code };
}

/** The citizen's password guard as it stands on the harness's clock. */
const guard = (h: Harness, citizen: Citizen) =>
  citizenObject(citizen.id).passwordGuard(h.clock.now());

async function blocked(h: Harness, citizen: Citizen) {
  for (let i = 0; i < 5; i++) await wrongAttempt(h, citizen);
}

describe("the password attempt cap", () => {
  it("pauses the password after 5 consecutive failures; then even the right one is refused", async () => {
    const h = passwordHarness();
    const citizen = await h.registerCitizen();
    await activate(h, citizen);
    const loginId = await h.startLogin();
    const failures: unknown[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await passwordLogin(h, loginId, citizen, `${WRONG} ${i}`);
      expect(response.status).toBe(400);
      const body = await problem(response);
      expect(body.code).toBe("invalid_credentials");
      expect(body).not.toHaveProperty("triesLeft");
      failures.push((await guard(h, citizen)).failures);
    }
    expect(failures).toEqual([1, 2, 3, 4, 5]);
    for (const password of [WRONG, GOOD_PASSWORD]) {
      for (const login of [loginId, await h.startLogin()]) {
        const response = await passwordLogin(h, login, citizen, password);
        expect(response.status).toBe(400);
        expect((await problem(response)).code).toBe("invalid_credentials");
      }
    }
    // Refused without counting: the pause is what it was.
    expect(await guard(h, citizen)).toMatchObject({ failures: 5, blocked: true });
  });

  it("ten concurrent wrong attempts: 5 are counted and compared, the rest refused, all alike", async () => {
    const settled: boolean[] = [];
    const h = passwordHarness({
      deps: (d) => ({
        ...d,
        // Every attempt is settled, a refused one as not counted: what the guard let through.
        citizens: withMethods(d.citizens, {
          settlePasswordTry: (
            key: string,
            input: Parameters<typeof d.citizens.settlePasswordTry>[1],
          ) => {
            settled.push(input.counted !== false);
            return d.citizens.settlePasswordTry(key, input);
          },
        }),
      }),
    });
    const citizen = await h.registerCitizen();
    await activate(h, citizen);
    const loginId = await h.startLogin();
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) => passwordLogin(h, loginId, citizen, `${WRONG} ${i}`)),
    );
    const bodies = await Promise.all(responses.map((r) => r.text()));
    expect(new Set(bodies).size).toBe(1);
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(400));
    expect(settled.filter(Boolean)).toHaveLength(5);
    expect(await guard(h, citizen)).toMatchObject({ failures: 5, blocked: true });
    expect((await passwordLogin(h, await h.startLogin(), citizen, GOOD_PASSWORD)).status).toBe(400);
    expect(settled.filter(Boolean)).toHaveLength(5);
  });

  it("a right password resets the count of consecutive failures", async () => {
    const h = passwordHarness();
    const citizen = await h.registerCitizen();
    await activate(h, citizen);
    for (let round = 0; round < 3; round++) {
      const counted: unknown[] = [];
      for (let i = 0; i < 4; i++) {
        await wrongAttempt(h, citizen);
        counted.push((await guard(h, citizen)).failures);
      }
      expect(counted).toEqual([1, 2, 3, 4]);
      const right = await passwordLogin(h, await h.startLogin(), citizen, GOOD_PASSWORD);
      expect(right.status).toBe(200);
    }
    expect(await guard(h, citizen)).toMatchObject({ failures: 0, blocked: false });
  });

  it("the pause is audited once and told once by SMS and e-mail", async () => {
    const h = passwordHarness();
    const citizen = await h.registerCitizen({ email: `blocked-${Date.now()}@example.es` });
    await activate(h, citizen);
    await blocked(h, citizen);
    // Attempts on a paused password are refused without telling anyone again.
    for (let i = 0; i < 3; i++) expect((await wrongAttempt(h, citizen)).status).toBe(400);
    expect(await guard(h, citizen)).toMatchObject({ failures: 5, blocked: true });
    const sms = await h.outbox.list({ to: citizen.mobile ?? "", limit: 1000 });
    const mail = await h.outbox.list({ to: citizen.email ?? "", limit: 1000 });
    expect(sms.filter((m) => m.kind === "password_blocked")).toMatchObject([{ channel: "sms" }]);
    expect(mail.filter((m) => m.kind === "password_blocked")).toMatchObject([{ channel: "email" }]);
    const events = await h.deps.audit.list({ citizenId: citizen.id, limit: 1000 });
    const blocks = events.filter((e) => e.event === "password.blocked");
    expect(blocks).toHaveLength(1);
    expect(blocks[0]?.detail).toMatchObject({ notified: 2 });
    const failed = events.filter((e) => e.event === "password.failed");
    // 5 compared, and 3 refused during the pause (audited as such).
    expect(failed.filter((e) => e.detail?.refused === undefined)).toHaveLength(5);
    expect(failed.filter((e) => e.detail?.refused === "paused")).toHaveLength(3);
  });

  it("a new activation code also lifts a pause at once, and the PIN still works", async () => {
    const h = passwordHarness();
    const citizen = await h.registerCitizen();
    await activate(h, citizen);
    await blocked(h, citizen);
    expect((await wrongAttempt(h, citizen, GOOD_PASSWORD)).status).toBe(400);
    expect(await guard(h, citizen)).toMatchObject({ blocked: true });

    // The other method is not locked out by a blocked password.
    const { loginId, pin } = await h.loginWithPin(citizen);
    expect((await h.verify(loginId, pin)).status).toBe(200);

    const renewed = "otra frase larga para volver";
    await activate(h, citizen, renewed);
    expect(await guard(h, citizen)).toMatchObject({ blocked: false });
    const login = await passwordLogin(h, await h.startLogin(), citizen, renewed);
    expect(login.status).toBe(200);
    // The full budget is back, counted from zero.
    await wrongAttempt(h, citizen);
    expect(await guard(h, citizen)).toMatchObject({ failures: 1 });
  });

  it("password failures count on the account-wide counter: 5 of them and 5 PIN failures back off", async () => {
    const h = passwordHarness();
    const citizen = await h.registerCitizen();
    await activate(h, citizen);
    const object = citizenObject(citizen.id);
    expect(await object.failureCount()).toBe(0);
    await blocked(h, citizen);
    expect(await object.failureCount()).toBe(5);

    const { loginId, pin } = await h.loginWithPin(citizen);
    for (let i = 0; i < 5; i++) expect((await h.verify(loginId, otherCode(pin))).status).toBe(400);
    expect(await object.failureCount()).toBe(10);
    const next = await h.loginWithPin(citizen);
    // 10 consecutive failures in all: the back-off starts, even the right PIN waits.
    const early = await h.verify(next.loginId, next.pin);
    expect(early.status).toBe(429);
    expect((await problem(early)).code).toBe("pin_backoff");
    h.clock.advance(30_000);
    expect((await h.verify(next.loginId, next.pin)).status).toBe(200);
  });

  it("a right password takes its own failures off the account-wide counter, not the PIN's", async () => {
    const h = passwordHarness();
    const citizen = await h.registerCitizen();
    await activate(h, citizen);
    const { loginId, pin } = await h.loginWithPin(citizen);
    for (let i = 0; i < 3; i++) await h.verify(loginId, otherCode(pin));
    const object = citizenObject(citizen.id);
    expect(await object.failureCount()).toBe(3);
    await wrongAttempt(h, citizen);
    expect(await object.failureCount()).toBe(4);
    expect((await passwordLogin(h, await h.startLogin(), citizen, GOOD_PASSWORD)).status).toBe(200);
    // Knowing the password vouches for the password typos, not for the wrong PINs (or codes).
    expect(await object.failureCount()).toBe(3);
  });
});
