/**
 * SECURITY.md "Mobile approvals": a bare approve never completes a login. The answer must carry
 * the number the browser shows; without it, or with another, the login does not authenticate,
 * and a wrong pick ends the login so that guessing gets one chance in three, once.
 */
import { describe, expect, it } from "vitest";
import { harness } from "./harness.ts";
import { activateDevice, answer, identity, mobileStatus, scan, startQr } from "./mobile-support.ts";

async function scannedLogin() {
  const h = harness();
  const citizen = await h.registerCitizen();
  const device = await activateDevice(h, citizen);
  const loginId = await h.startLogin();
  const qr = await startQr(h, loginId);
  const scanned = await scan(device, qr.frame ?? "");
  return { h, citizen, device, loginId, qr, approval: scanned.body.approval };
}

describe("number matching", () => {
  it("refuses a bare approval without a number", async () => {
    const { h, device, loginId, approval } = await scannedLogin();
    const bare = await answer(device, approval.id, { decision: "approve" });
    expect(bare.status).toBe(400);
    expect((await mobileStatus(h, loginId)).status).toBe("scanned");
  });

  it("ends the login on a wrong number, and the right one cannot follow", async () => {
    const { h, device, loginId, qr, approval } = await scannedLogin();
    const wrong = approval.choices.find((n) => n !== qr.number) ?? 0;
    const guessed = await answer(device, approval.id, { decision: "approve", number: wrong });
    expect(guessed).toMatchObject({ status: 409, body: { code: "wrong_number" } });
    const retry = await answer(device, approval.id, { decision: "approve", number: qr.number });
    expect(retry.body.code).toBe("approval_answered");
    expect((await mobileStatus(h, loginId)).status).toBe("wrong_number");
    const login = (await (await h.call("GET", `/api/logins/${loginId}`)).json()) as {
      status: string;
    };
    expect(login.status).toBe("mobile_ended");
    // The login is over for every method, not only the app.
    const pin = await h.getPin(loginId, h.pinRequest(await h.registerCitizen()));
    expect(((await pin.json()) as { code: string }).code).toBe("login_ended");
  });

  it("offers the browser's number among three distinct two-digit choices", async () => {
    const { qr, approval } = await scannedLogin();
    expect(new Set(approval.choices).size).toBe(3);
    for (const n of approval.choices) expect(n >= 10 && n <= 99).toBe(true);
    expect(approval.choices).toContain(qr.number);
  });

  it("needs the number for push too", async () => {
    const h = harness();
    const citizen = await h.registerCitizen();
    const device = await activateDevice(h, citizen);
    const loginId = await h.startLogin();
    const page = (await (
      await h.call("POST", `/api/logins/${loginId}/mobile/push`, identity(citizen))
    ).json()) as { number: number };
    const inbox = await device.json<{ items: { approval: { id: string; choices: number[] } }[] }>(
      "GET",
      "/api/app/inbox",
    );
    const approval = inbox.body.items[0]?.approval;
    const wrong = approval?.choices.find((n) => n !== page.number) ?? 0;
    const guessed = await answer(device, approval?.id ?? "", {
      decision: "approve",
      number: wrong,
    });
    expect(guessed.body.code).toBe("wrong_number");
    expect((await mobileStatus(h, loginId)).status).toBe("wrong_number");
  });

  it("ends the login on decline and on 'I did not start this', and audits both", async () => {
    for (const decision of ["decline", "not_me"] as const) {
      const { h, citizen, device, loginId, approval } = await scannedLogin();
      const answered = await answer(device, approval.id, { decision });
      expect(answered.body.status).toBe(decision === "decline" ? "declined" : "reported");
      expect((await mobileStatus(h, loginId)).status).toBe(
        decision === "decline" ? "declined" : "not_me",
      );
      const events = await h.deps.audit.list({ citizenId: citizen.id, limit: 20 });
      expect(events.map((e) => e.event)).toContain(
        decision === "decline" ? "mobile.declined" : "mobile.not_me",
      );
    }
  });
});
