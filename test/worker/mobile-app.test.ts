/**
 * The citizen app's API beyond approvals: activation's errors, the WebSocket that carries the
 * inbox in real time (held by the citizen's object with the hibernation API), and the socket
 * ticket's single use.
 */
import { describe, expect, it } from "vitest";
import { type Harness, harness } from "./harness.ts";
import { activateDevice, type Device, deviceCode, identity, newDevice } from "./mobile-support.ts";

/** Opens the app's socket through the API, as the app does; collects its messages. */
async function openSocket(h: Harness, device: Device) {
  const { body } = await device.json<{ ticket: string }>("POST", "/api/app/socket-ticket");
  const response = await h.call("GET", `/api/app/socket?ticket=${body.ticket}`, undefined, {
    upgrade: "websocket",
  });
  expect(response.status).toBe(101);
  const ws = response.webSocket;
  if (!ws) throw new Error("no socket");
  ws.accept();
  const messages: Record<string, unknown>[] = [];
  const waiters: (() => void)[] = [];
  ws.addEventListener("message", (event) => {
    messages.push(JSON.parse(String(event.data)));
    for (const w of waiters.splice(0)) w();
  });
  const next = async (count: number) => {
    while (messages.length < count) await new Promise<void>((r) => waiters.push(r));
    return messages[count - 1];
  };
  return { ws, messages, next, ticket: body.ticket };
}

describe("citizen app API", () => {
  it("delivers a push into the open socket, and tells it when answered", async () => {
    const h = harness();
    const citizen = await h.registerCitizen();
    const device = await activateDevice(h, citizen);
    const socket = await openSocket(h, device);
    const loginId = await h.startLogin();
    await h.call("POST", `/api/logins/${loginId}/mobile/push`, identity(citizen));
    const message = (await socket.next(1)) as {
      type: string;
      item: { id: string; approval: { id: string } };
    };
    expect(message.type).toBe("inbox");
    await device.json("POST", `/api/app/approvals/${message.item.approval.id}`, {
      decision: "decline",
    });
    expect(await socket.next(2)).toEqual({ type: "removed", id: message.item.id });
    socket.ws.close();
  });

  it("delivers an app PIN into the open socket", async () => {
    const h = harness();
    const citizen = await h.registerCitizen();
    const device = await activateDevice(h, citizen);
    const socket = await openSocket(h, device);
    await h.loginWithPin(citizen, { channel: "app" });
    const message = (await socket.next(1)) as { item: { kind: string; pin: string } };
    expect(message.item.kind).toBe("pin");
    expect(message.item.pin).toMatch(/^\d{6}$/);
    socket.ws.close();
  });

  it("accepts a socket ticket once, and tells a revoked device's socket", async () => {
    const h = harness();
    const citizen = await h.registerCitizen();
    const device = await activateDevice(h, citizen);
    const socket = await openSocket(h, device);
    const again = await h.call("GET", `/api/app/socket?ticket=${socket.ticket}`, undefined, {
      upgrade: "websocket",
    });
    expect(again.status).toBe(401);
    expect(
      (await h.call("GET", "/api/app/socket?ticket=x.y", undefined, { upgrade: "websocket" }))
        .status,
    ).toBe(401);
    await device.call("DELETE", `/api/app/devices/${device.id}`);
    expect(await socket.next(1)).toEqual({ type: "revoked" });
  });

  it("refuses a wrong activation code with the tries left, and an expired one", async () => {
    const h = harness();
    const citizen = await h.registerCitizen();
    const device = await newDevice(h);
    const started = await h.call("POST", "/api/app/activation", identity(citizen));
    const { activationId } = (await started.json()) as { activationId: string };
    const code = await deviceCode(h, citizen);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    const body = { ...identity(citizen), activationId, name: "Móvil" };
    const refused = await device.json("POST", "/api/app/devices", { ...body, code: wrong });
    expect(refused).toMatchObject({ status: 400, body: { code: "invalid_otp", triesLeft: 4 } });
    h.clock.advance(h.config.pin.ttlMs);
    const late = await device.json("POST", "/api/app/devices", { ...body, code });
    expect(late.body.code).toBe("otp_expired");
  });

  it("does not register one key twice", async () => {
    const h = harness();
    const citizen = await h.registerCitizen();
    const device = await activateDevice(h, citizen);
    const started = await h.call("POST", "/api/app/activation", identity(citizen));
    const { activationId } = (await started.json()) as { activationId: string };
    const code = await deviceCode(h, citizen);
    const again = await device.json("POST", "/api/app/devices", {
      ...identity(citizen),
      activationId,
      code,
      name: "Otra vez",
    });
    expect(again.body.code).toBe("device_exists");
  });

  it("a citizen without a mobile gets the same answer but no code, and cannot register", async () => {
    const h = harness();
    const citizen = await h.registerCitizen({ mobile: null });
    const started = await h.call("POST", "/api/app/activation", identity(citizen));
    expect(started.status).toBe(202);
    const { activationId } = (await started.json()) as { activationId: string };
    const device = await newDevice(h);
    const attempt = await device.json("POST", "/api/app/devices", {
      ...identity(citizen),
      activationId,
      code: "123456",
      name: "Móvil",
    });
    expect(attempt.body.code).toBe("invalid_otp");
  });
});
