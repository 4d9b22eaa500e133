/**
 * Messages reach a citizen in their language — the one of their last completed login, stored
 * on the citizen — and say times in the administration's zone (TIME_ZONE), naming it. They used
 * to be Spanish for everyone, with Madrid time unlabelled.
 */
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../worker/src/config.ts";
import { harness, testEnv } from "./harness.ts";
import { Browser, loginIdOf, relyingParty } from "./relying-party.ts";

// 09:00 UTC in winter (in the future: the objects' alarms run on real time): 10:00 in Madrid,
// 09:00 in the Canary Islands.
const WINTER_MORNING = Date.UTC(2027, 0, 15, 9, 0, 0);

async function lastSms(h: ReturnType<typeof harness>, to: string, kind = "pin"): Promise<string> {
  const [message] = (await h.outbox.list({ to, limit: 20 })).filter((m) => m.kind === kind);
  if (!message) throw new Error(`no ${kind} message to ${to}`);
  return message.text;
}

describe("messages: the citizen's language", () => {
  it("sends an Italian citizen an Italian PIN, with the time in Madrid named", async () => {
    const h = harness({ now: WINTER_MORNING });
    const citizen = await h.registerCitizen({ locale: "it" });
    await h.loginWithPin(citizen);
    const text = await lastSms(h, citizen.mobile ?? "");
    expect(text).toMatch(/^Llave: il tuo PIN è \d{6}\. Valido fino alle 10:10 \(ora di Madrid\)\./);
  });

  it("sends a citizen with no language yet the one their browser asks for, else Spanish", async () => {
    const h = harness({ now: WINTER_MORNING });
    const citizen = await h.registerCitizen();
    const loginId = await h.startLogin();
    await h.call("POST", `/api/logins/${loginId}/pin`, h.pinRequest(citizen), {
      "accept-language": "eu",
    });
    expect(await lastSms(h, citizen.mobile ?? "")).toContain(
      "Baliozkoa ordu honetara arte: 10:10 (Madrid aldeko ordua).",
    );
    h.clock.advance(60_000);
    await h.loginWithPin(citizen);
    expect(await lastSms(h, citizen.mobile ?? "")).toMatch(
      /^Llave: su PIN es \d{6}\. Válido hasta las 10:11 \(hora de Madrid\)\./,
    );
  });

  it("remembers the language of the last completed login for later messages", async () => {
    const h = harness({ now: WINTER_MORNING });
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const browser = new Browser(h);
    const auth = await rp.authorization();
    const loginId = loginIdOf(await browser.request("GET", rp.authorizePath(auth.params)));
    if (!loginId) throw new Error("no login page");
    // The page the citizen logged in on was in French (?lang=fr): its continue form says so.
    const page = await (await browser.request("GET", `/login/${loginId}?lang=fr`)).text();
    expect(page).toContain(`action="/login/${loginId}/continue?lang=fr"`);
    const got = await h.getPin(loginId, h.pinRequest(citizen));
    expect(got.status).toBe(202);
    const pin = await h.latestPin(citizen.mobile ?? "");
    expect((await h.verify(loginId, pin)).status).toBe(200);
    const done = await browser.request("POST", `/login/${loginId}/continue?lang=fr`, "");
    expect(rp.redirectQuery(done)?.get("code")).toBeTruthy();
    expect((await h.deps.accounts.findById(citizen.id))?.locale).toBe("fr");

    h.clock.advance(60_000);
    await h.loginWithPin(citizen);
    expect(await lastSms(h, citizen.mobile ?? "")).toMatch(
      /^Llave : votre PIN est \d{6}\. Valable jusqu’à 10:11 \(heure de Madrid\)\./,
    );
  });
});

describe("messages: the administration's time zone", () => {
  it("says times in TIME_ZONE and names it", async () => {
    const h = harness({
      now: WINTER_MORNING,
      config: (c) => ({ ...c, timeZone: "Atlantic/Canary" }),
    });
    const citizen = await h.registerCitizen();
    await h.loginWithPin(citizen);
    expect(await lastSms(h, citizen.mobile ?? "")).toContain(
      "Válido hasta las 09:10 (hora de Canarias).",
    );
    // The dev outbox says when each message went, in the same zone, and names it.
    const outbox = await (
      await h.call("GET", `/dev/outbox?to=${encodeURIComponent(citizen.mobile ?? "")}`, undefined, {
        accept: "text/html",
      })
    ).text();
    expect(outbox).toContain("When (Atlantic/Canary)");
    const [newest] = await h.outbox.list({ to: citizen.mobile ?? "", limit: 1 });
    const canary = new Date(newest?.at ?? 0).toLocaleString("sv-SE", {
      timeZone: "Atlantic/Canary",
    });
    expect(outbox).toContain(`">${canary}</time>`);
  });

  it("defaults to Europe/Madrid and refuses a zone that does not exist", () => {
    const env = testEnv as unknown as Record<string, unknown>;
    expect(parseConfig({ ...env, TIME_ZONE: undefined }).timeZone).toBe("Europe/Madrid");
    expect(parseConfig({ ...env, TIME_ZONE: "Atlantic/Canary" }).timeZone).toBe("Atlantic/Canary");
    expect(() => parseConfig({ ...env, TIME_ZONE: "Mars/Olympus" })).toThrow(ConfigError);
    expect(() => parseConfig({ ...env, TIME_ZONE: "10:00" })).toThrow(/TIME_ZONE/);
  });
});
