import { describe, expect, it } from "vitest";
import {
  openSession,
  renewSession,
  type Session,
  TOUCH_INTERVAL_MS,
  useSession,
} from "./session.ts";

const policy = { idleMs: 30 * 60_000, maxMs: 12 * 3_600_000 };
const auth = {
  citizenId: "cit_1",
  method: "pin" as const,
  amr: ["otp", "sms"],
  acr: "low" as const,
  authTime: 0,
};
const fresh = (): Session =>
  openSession({
    sid: "sid",
    citizenId: "cit_1",
    secretHash: "h",
    authentication: auth,
    clientId: "a",
    userAgent: null,
    now: 0,
  });
const use = (s: Session, now: number, clientId: string | null = null, secretMatches = true) =>
  useSession(s, { secretMatches, clientId, now }, policy);

describe("single sign-on session", () => {
  it("refuses a wrong secret, an idle session and an old one, from stored times", () => {
    expect(use(fresh(), 1, null, false)).toEqual({ ok: false, reason: "unknown_session" });
    expect(use(fresh(), policy.idleMs)).toEqual({ ok: false, reason: "idle_timeout" });
    let s = fresh();
    for (let now = 20 * 60_000; now < policy.maxMs; now += 20 * 60_000) {
      const r = use(s, now);
      if (!r.ok) throw new Error(`refused at ${now}`);
      s = r.session;
    }
    expect(use(s, policy.maxMs)).toEqual({ ok: false, reason: "session_expired" });
  });

  it("records a use at most once a minute, unless it adds a client", () => {
    const s = fresh();
    expect(use(s, TOUCH_INTERVAL_MS - 1)).toMatchObject({ ok: true, changed: false, session: s });
    expect(use(s, 10, "b")).toMatchObject({
      ok: true,
      changed: true,
      session: { lastSeenAt: 10, clients: ["a", "b"] },
    });
    expect(use(s, TOUCH_INTERVAL_MS)).toMatchObject({
      changed: true,
      session: { lastSeenAt: TOUCH_INTERVAL_MS },
    });
  });

  it("keeps sid and clients on a new login by the same citizen, with a new secret and time", () => {
    const renewed = renewSession(fresh(), {
      secretHash: "h2",
      authentication: { ...auth, acr: "substantial", authTime: 99 },
      clientId: "b",
      now: 99_000,
    });
    expect(renewed).toMatchObject({
      sid: "sid",
      secretHash: "h2",
      clients: ["a", "b"],
      createdAt: 99_000,
      authentication: { acr: "substantial" },
    });
  });
});
