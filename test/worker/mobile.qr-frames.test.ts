/**
 * SECURITY.md "Mobile approvals": animated QR frames. A frame older than
 * MOBILE_QR_MAX_AGE_SECONDS is refused, whether it is simply stale or relayed (a frame shown on
 * one screen and replayed later from another); a QR is usable once, by one device; a frame
 * forged without the server's secret is refused.
 */
import { describe, expect, it } from "vitest";
import { harness } from "./harness.ts";
import { activateDevice, answer, mobileStatus, scan, startQr } from "./mobile-support.ts";

const SECOND = 1000;

async function setUp() {
  const h = harness();
  const citizen = await h.registerCitizen();
  const device = await activateDevice(h, citizen);
  const loginId = await h.startLogin();
  const qr = await startQr(h, loginId);
  return { h, citizen, device, loginId, qr };
}

describe("QR frames", () => {
  it("accepts the frame the page shows now, and one a few seconds old", async () => {
    const { h, device, loginId } = await setUp();
    h.clock.advance(10 * SECOND);
    const frame = (await mobileStatus(h, loginId)).frame ?? "";
    expect(frame.split(".")[2]).toBe("10");
    h.clock.advance(h.config.mobile.qrMaxAgeSeconds * SECOND);
    expect((await scan(device, frame)).status).toBe(200);
  });

  it("refuses a stale frame", async () => {
    const { h, device, qr } = await setUp();
    h.clock.advance((h.config.mobile.qrMaxAgeSeconds + 1) * SECOND);
    const stale = await scan(device, qr.frame ?? "");
    expect(stale).toMatchObject({ status: 400, body: { code: "qr_stale" } });
  });

  it("refuses a relayed frame older than the window, though the QR is still live", async () => {
    const { h, device, loginId } = await setUp();
    // An attacker photographs the frame of second 30 and relays it to a victim's app.
    h.clock.advance(30 * SECOND);
    const relayed = (await mobileStatus(h, loginId)).frame ?? "";
    h.clock.advance((h.config.mobile.qrMaxAgeSeconds + 1) * SECOND);
    expect((await scan(device, relayed)).body.code).toBe("qr_stale");
    // The page's current frame still works: the QR was not burnt by the relay.
    const current = (await mobileStatus(h, loginId)).frame ?? "";
    expect((await scan(device, current)).status).toBe(200);
  });

  it("refuses a QR used twice by the same device", async () => {
    const { device, qr } = await setUp();
    expect((await scan(device, qr.frame ?? "")).status).toBe(200);
    const again = await scan(device, qr.frame ?? "");
    expect(again).toMatchObject({ status: 409, body: { code: "qr_used" } });
  });

  it("refuses a QR that another device scanned first, and that device's answer", async () => {
    const { h, device, qr } = await setUp();
    const other = await activateDevice(h, await h.registerCitizen());
    const first = await scan(device, qr.frame ?? "");
    expect(first.status).toBe(200);
    expect((await scan(other, qr.frame ?? "")).body.code).toBe("qr_used");
    const stolen = await answer(other, first.body.approval.id, {
      decision: "approve",
      number: qr.number,
    });
    expect(stolen.body.code).toBe("approval_not_found");
  });

  it("refuses a frame whose MAC was not made with the login's secret", async () => {
    const { device, qr } = await setUp();
    const [prefix, token, seconds] = (qr.frame ?? "").split(".");
    const forged = `${prefix}.${token}.${seconds}.${"0".repeat(64)}`;
    expect((await scan(device, forged)).body.code).toBe("qr_invalid");
    // A frame from the future (a MAC replayed under a later second) is forged too.
    const future = `${prefix}.${token}.${Number(seconds) + 10}.${(qr.frame ?? "").split(".")[3]}`;
    expect((await scan(device, future)).body.code).toBe("qr_invalid");
    expect((await scan(device, "https://example.com/not-a-llave-qr")).body.code).toBe("qr_invalid");
  });

  it("refuses every frame once the QR's five minutes are over", async () => {
    const { h, device, loginId } = await setUp();
    h.clock.advance(h.config.mobile.approvalTtlMs - 2000);
    const last = (await mobileStatus(h, loginId)).frame ?? "";
    h.clock.advance(2000);
    const status = await mobileStatus(h, loginId);
    expect(status.status).toBe("expired");
    expect(status.frame).toBeNull();
    expect((await scan(device, last)).body.code).toBe("approval_expired");
  });

  it("a restarted QR has a new secret: frames of the old one are refused", async () => {
    const { h, device, loginId, qr } = await setUp();
    const again = await startQr(h, loginId);
    expect(again.frame).not.toBe(qr.frame);
    expect((await scan(device, qr.frame ?? "")).body.code).toBe("qr_invalid");
    expect((await scan(device, again.frame ?? "")).status).toBe(200);
  });
});
