/**
 * SECURITY.md "Mobile approvals": approvals are signed by the registered device key, and a
 * revoked device's signature fails — whether the citizen revoked it or a new device replaced
 * it (one active device per citizen by default).
 */
import { describe, expect, it } from "vitest";
import { harness } from "./harness.ts";
import { activateDevice, answer, identity, scan, startQr } from "./mobile-support.ts";

describe("revoked devices", () => {
  it("a device the citizen revoked can no longer scan, answer or read the inbox", async () => {
    const h = harness();
    const citizen = await h.registerCitizen();
    const device = await activateDevice(h, citizen);
    const loginId = await h.startLogin();
    const qr = await startQr(h, loginId);
    const scanned = await scan(device, qr.frame ?? "");
    expect(scanned.status).toBe(200);

    const revoked = await device.call("DELETE", `/api/app/devices/${device.id}`);
    expect(revoked.status).toBe(204);
    const approved = await answer(device, scanned.body.approval.id, {
      decision: "approve",
      number: qr.number,
    });
    expect(approved).toMatchObject({ status: 401, body: { code: "device_unknown" } });
    expect((await device.json("GET", "/api/app/inbox")).body.code).toBe("device_unknown");
    const login = (await (await h.call("GET", `/api/logins/${loginId}`)).json()) as {
      status: string;
    };
    expect(login.status).not.toBe("authenticated");
  });

  it("activating a new device revokes the old one and tells the citizen by SMS and e-mail", async () => {
    const h = harness();
    const citizen = await h.registerCitizen({ email: `c${Date.now()}@example.es` });
    const old = await activateDevice(h, citizen, "Móvil viejo");
    const replacement = await activateDevice(h, citizen, "Móvil nuevo");
    expect((await old.json("GET", "/api/app/me")).body.code).toBe("device_unknown");
    const list = await replacement.json<{
      devices: { name: string; status: string; current: boolean }[];
    }>("GET", "/api/app/devices");
    expect(list.body.devices.map((d) => [d.name, d.status, d.current])).toEqual([
      ["Móvil nuevo", "active", true],
      ["Móvil viejo", "revoked", false],
    ]);
    const sms = await h.outbox.list({ to: citizen.mobile ?? "" });
    const mail = await h.outbox.list({ to: citizen.email ?? "" });
    for (const box of [sms, mail]) {
      expect(box.find((m) => m.kind === "device_activated")?.text).toContain(
        "dispositivo anterior",
      );
    }
    const events = await h.deps.audit.list({ citizenId: citizen.id, limit: 50 });
    expect(events.filter((e) => e.event === "mobile.device_revoked")).toHaveLength(1);
  });

  it("a revoked device's push requests are not answerable either", async () => {
    const h = harness();
    const citizen = await h.registerCitizen();
    const device = await activateDevice(h, citizen);
    const loginId = await h.startLogin();
    const page = (await (
      await h.call("POST", `/api/logins/${loginId}/mobile/push`, identity(citizen))
    ).json()) as { number: number };
    const inbox = await device.json<{ items: { approval: { id: string } }[] }>(
      "GET",
      "/api/app/inbox",
    );
    const id = inbox.body.items[0]?.approval.id ?? "";
    await activateDevice(h, citizen, "Otro");
    const approved = await answer(device, id, { decision: "approve", number: page.number });
    expect(approved.body.code).toBe("device_unknown");
  });

  it("renames and lists only the citizen's own devices", async () => {
    const h = harness();
    const device = await activateDevice(h, await h.registerCitizen());
    const stranger = await activateDevice(h, await h.registerCitizen());
    const renamed = await device.json<{ name: string }>("PATCH", `/api/app/devices/${device.id}`, {
      name: "  Teléfono   de casa ",
    });
    expect(renamed.body.name).toBe("Teléfono de casa");
    const theirs = await stranger.json("PATCH", `/api/app/devices/${device.id}`, { name: "mío" });
    expect(theirs.body.code).toBe("device_not_found");
    const revoke = await stranger.call("DELETE", `/api/app/devices/${device.id}`);
    expect(revoke.status).toBe(404);
  });
});
