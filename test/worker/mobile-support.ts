/**
 * A citizen-app device for worker tests: a real non-extractable P-256 key made with Web Crypto,
 * and real DPoP proofs (RFC 9449, with the `bh` body hash of docs/mobile.md) on every call,
 * with the server's nonces. `activateDevice` goes through the real activation (SMS code from
 * the dev outbox). Nothing here reaches into storage: a test sees what the app would.
 */
import { AppDevice, deviceCodeIn } from "../../scripts/lib/app-device.ts";
import type { Citizen } from "../../worker/src/storage/account-store.ts";
import type { Harness } from "./harness.ts";

/** The shared device (scripts/lib/app-device.ts) on the harness's app and clock. */
export type Device = AppDevice;

export const newDevice = (h: Harness): Promise<Device> =>
  AppDevice.create({
    fetch: (input, init) => h.fetch(input, init),
    issuer: h.config.issuer,
    now: () => h.clock.now(),
  });

export const identity = (citizen: Citizen) => ({
  document: citizen.documentNumber,
  contrast: { kind: citizen.contrastKind, value: citizen.contrastValue },
});

/** The latest SMS code that activates the app, as the outbox holds it. */
export async function deviceCode(h: Harness, citizen: Citizen): Promise<string> {
  const messages = await h.outbox.list({ to: citizen.mobile ?? "", limit: 50 });
  const message = messages.find((m) => m.kind === "device_code");
  const code = message ? deviceCodeIn(message.text) : null;
  if (!code) throw new Error(`no device code for ${citizen.id}`);
  return code;
}

/** Activates the app for `citizen` on a new device, through the real API. */
export async function activateDevice(h: Harness, citizen: Citizen, name = "Pixel de prueba") {
  const device = await newDevice(h);
  await device.activate(identity(citizen), () => deviceCode(h, citizen), name);
  return device;
}

export type MobileStatus = {
  mode: string;
  status: string;
  version: number;
  number: number | null;
  expiresAt: number | null;
  frame: string | null;
};

export type Approval = { id: string; choices: number[]; agency: string; mode: string };

/**
 * Starts a QR login on `loginId`; the page's view of it. From the harness's browser, or from
 * the one whose `cookie` header is given (a relying party's Browser).
 */
export async function startQr(h: Harness, loginId: string, cookie?: string): Promise<MobileStatus> {
  const headers = cookie === undefined ? {} : { cookie };
  const response = await h.call("POST", `/api/logins/${loginId}/mobile/qr`, {}, headers);
  if (response.status !== 201) throw new Error(`qr: ${response.status} ${await response.text()}`);
  return (await response.json()) as MobileStatus;
}

/** The page's status, without waiting. */
export async function mobileStatus(h: Harness, loginId: string): Promise<MobileStatus> {
  const response = await h.call("GET", `/api/logins/${loginId}/mobile`);
  return (await response.json()) as MobileStatus;
}

export const scan = (device: Device, payload: string) =>
  device.json<{ approval: Approval; code?: string }>("POST", "/api/app/qr", { payload });

export const answer = (device: Device, id: string, body: Record<string, unknown>) =>
  device.json<{ status?: string; code?: string }>("POST", `/api/app/approvals/${id}`, body);

/**
 * Moves the clock past a new device's binding wait (docs/mobile.md "Binding a new device"): a
 * device activated with an SMS code asserts `low` until then, `substantial` after.
 */
export function pastBindingWait(h: Harness): void {
  h.clock.advance(h.config.mobile.bindingWaitMs);
}

/**
 * Activates the app for `citizen` and lets its binding wait pass, as a device the citizen has
 * had for a day: its approvals, app PINs and step-up codes then reach its full level.
 */
export async function activateBoundDevice(h: Harness, citizen: Citizen, name = "Pixel de prueba") {
  const device = await activateDevice(h, citizen, name);
  pastBindingWait(h);
  return device;
}
