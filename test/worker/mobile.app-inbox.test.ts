/**
 * The app's inbox shows only PINs that can still be typed: not one sent before the device
 * existed, not one already used, not one superseded by a newer PIN (another login, a resend, the
 * SMS fallback). Each used to stay listed as live ("Caduca en 5:49") until it expired.
 */
import { describe, expect, it } from "vitest";
import { type Harness, harness } from "./harness.ts";
import { activateDevice, type Device, identity } from "./mobile-support.ts";

type Item = { id: string; kind: string; pin?: string };

async function inbox(device: Device): Promise<Item[]> {
  const { status, body } = await device.json<{ items: Item[] }>("GET", "/api/app/inbox");
  expect(status).toBe(200);
  return body.items;
}

const pins = async (device: Device) =>
  (await inbox(device)).filter((i) => i.kind === "pin").map((i) => i.pin);

async function setup(h: Harness) {
  const citizen = await h.registerCitizen();
  const device = await activateDevice(h, citizen);
  h.clock.advance(1000);
  return { citizen, device };
}

describe("app inbox: dead PINs", () => {
  it("does not show a device PINs sent before it was activated", async () => {
    const h = harness();
    const citizen = await h.registerCitizen();
    const first = await activateDevice(h, citizen, "Primer móvil");
    h.clock.advance(1000);
    const { pin } = await h.loginWithPin(citizen, { channel: "app" });
    expect(await pins(first)).toEqual([pin]);
    h.clock.advance(1000);
    const second = await activateDevice(h, citizen, "Móvil nuevo");
    expect(await pins(second)).toEqual([]);
  });

  it("does not show a new device a request sent to the phone it replaced", async () => {
    const h = harness();
    const citizen = await h.registerCitizen();
    const old = await activateDevice(h, citizen, "Móvil viejo");
    h.clock.advance(1000);
    const loginId = await h.startLogin();
    const push = await h.call("POST", `/api/logins/${loginId}/mobile/push`, identity(citizen));
    expect(push.status).toBeLessThan(300);
    expect((await inbox(old)).map((i) => i.kind)).toEqual(["approval"]);
    h.clock.advance(1000);
    const replacement = await activateDevice(h, citizen, "Móvil nuevo");
    expect(await inbox(replacement)).toEqual([]);
  });

  it("takes a PIN out once it was used", async () => {
    const h = harness();
    const { citizen, device } = await setup(h);
    const { loginId, pin } = await h.loginWithPin(citizen, { channel: "app" });
    expect(await pins(device)).toEqual([pin]);
    expect((await h.verify(loginId, pin)).status).toBe(200);
    expect(await pins(device)).toEqual([]);
  });

  it("shows only the newest PIN when another login asks for one", async () => {
    const h = harness();
    const { citizen, device } = await setup(h);
    await h.loginWithPin(citizen, { channel: "app" });
    h.clock.advance(1000);
    const { pin } = await h.loginWithPin(citizen, { channel: "app" });
    expect(await pins(device)).toEqual([pin]);
  });

  it("takes the app PIN out when the citizen asks for it by SMS instead", async () => {
    const h = harness();
    const { citizen, device } = await setup(h);
    const { loginId } = await h.loginWithPin(citizen, { channel: "app" });
    h.clock.advance(h.config.pin.smsFallbackAfterMs);
    const sms = await h.getPin(loginId, h.pinRequest(citizen, { channel: "sms" }));
    expect(sms.status).toBe(202);
    expect(await pins(device)).toEqual([]);
  });

  it("takes a PIN out once it is out of tries", async () => {
    const h = harness();
    const { citizen, device } = await setup(h);
    const { loginId, pin } = await h.loginWithPin(citizen, { channel: "app" });
    const wrong = pin === "000000" ? "111111" : "000000";
    for (let i = 0; i < h.config.pin.maxTries; i++) await h.verify(loginId, wrong);
    expect(await pins(device)).toEqual([]);
  });
});
