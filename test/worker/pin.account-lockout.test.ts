/**
 * SECURITY.md: an account-wide counter of consecutive failures that a new PIN does not reset,
 * with back-off from the 10th failure and a hard stop at 100 that a success clears (and that
 * lifts by itself: pin.lockout-decay.test.ts); lockouts are audited and told to the citizen on
 * every contact.
 */
import { describe, expect, it } from "vitest";
import { harness, type ProblemBody, testEnv } from "./harness.ts";

describe("account-wide failure counter", () => {
  it("backs off after 10 consecutive failures across PINs and logins", async () => {
    const h = harness();
    const citizen = await h.registerCitizen();
    for (let round = 0; round < 2; round++) {
      const { loginId, pin } = await h.loginWithPin(citizen);
      const wrong = pin === "000000" ? "111111" : "000000";
      for (let i = 0; i < 5; i++) expect((await h.verify(loginId, wrong)).status).toBe(400);
    }
    const { loginId, pin } = await h.loginWithPin(citizen);
    const blocked = await h.verify(loginId, pin);
    expect(blocked.status).toBe(429);
    const body = (await blocked.json()) as ProblemBody;
    expect(body.code).toBe("pin_backoff");
    expect(body.retryAfter).toBe(30);
    h.clock.advance(30_000);
    expect((await h.verify(loginId, pin)).status).toBe(200);
  });

  it("hard-stops at 100 consecutive failures; a new PIN does not reset it; the lock is audited", async () => {
    const h = harness();
    const citizen = await h.registerCitizen({ email: `lock-${Date.now()}@example.es` });
    const stub = testEnv.CITIZENS.get(testEnv.CITIZENS.idFromName(citizen.id));
    let failures = 0;
    let login: { loginId: string; pin: string } | null = null;
    while (failures < 100) {
      if (!login) {
        h.clock.advance(360_001); // keeps sends under 10 an hour
        login = await h.loginWithPin(citizen);
      }
      const wrong = login.pin === "000000" ? "111111" : "000000";
      const r = await h.verify(login.loginId, wrong);
      const body = (await r.json()) as ProblemBody;
      if (r.status === 429) {
        h.clock.advance(Number(body.retryAfter) * 1000); // wait out the back-off
        continue;
      }
      if (r.status === 410) {
        login = null; // the login expired during the back-off
        continue;
      }
      expect(body.code).toBe("invalid_pin");
      failures++;
      if (body.triesLeft === 0) login = null;
    }
    expect(await stub.failureCount()).toBe(100);
    h.clock.advance(3_600_001);
    const loginId = await h.startLogin();
    expect((await h.getPin(loginId, h.pinRequest(citizen))).status).toBe(202);
    // Locked citizens get the same answer to Get PIN, but no PIN is sent.
    const r = await h.verify(loginId, "123456");
    expect(r.status).toBe(423);
    expect(((await r.json()) as ProblemBody).code).toBe("pin_locked");
    const events = (await h.deps.audit.list({ citizenId: citizen.id, limit: 1000 })).map(
      (e) => e.event,
    );
    expect(events.filter((e) => e === "pin.locked")).toHaveLength(1);
    const notices = await h.outbox.list({ to: citizen.mobile ?? "" });
    expect(notices.filter((m) => m.kind === "pin_locked")).toHaveLength(1);
    const emails = await h.outbox.list({ to: citizen.email ?? "" });
    expect(emails).toMatchObject([{ channel: "email", kind: "pin_locked" }]);
    expect(events).toContain("pin.refused");
  }, 60_000);
});
