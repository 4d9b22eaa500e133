/**
 * A citizen-app device for Node tests against the running stack (running-stack.ts): the shared
 * simulator (scripts/lib/app-device.ts — a non-extractable P-256 key in Node's Web Crypto, a
 * DPoP proof on every request, the server's nonces) activated through the real HTTP API with
 * the SMS code the worker left in the stack's outbox, as test/worker/mobile-support.ts does
 * inside workerd.
 */
import { AppDevice, deviceCodeIn } from "../../scripts/lib/app-device.ts";
import type { NewCitizen } from "../../worker/src/storage/account-store.ts";
import type { RunningStack } from "./running-stack.ts";

export type StackDevice = AppDevice;

type Who = Pick<NewCitizen, "documentNumber" | "contrastKind" | "contrastValue" | "mobile">;

/** The newest device-activation code sent to `mobile` after outbox entry `after`. */
async function deviceCode(stack: RunningStack, mobile: string, after: number): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const entry = stack.outbox.entries.findLast(
      (e) => e.id > after && e.to === mobile && e.kind === "device_code",
    );
    const code = entry ? deviceCodeIn(entry.text) : null;
    if (code) return code;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no device code for ${mobile}`);
}

/** Activates the app for `citizen` on a new device of the running stack. */
export async function activateOnStack(
  stack: RunningStack,
  citizen: Who,
  name = "Pixel de prueba",
): Promise<StackDevice> {
  const device = await AppDevice.create({
    fetch: (url, init) => fetch(url, init),
    issuer: stack.issuer,
  });
  const after = stack.outbox.entries.at(-1)?.id ?? 0;
  await device.activate(
    {
      document: citizen.documentNumber,
      contrast: { kind: citizen.contrastKind, value: citizen.contrastValue },
    },
    () => deviceCode(stack, citizen.mobile ?? "", after),
    name,
  );
  return device;
}

export type InboxApproval = {
  id: string;
  mode: string;
  agency: string;
  bindingMessage: string | null;
  choices: number[];
};

/** The newest approval request in the device's inbox, waiting up to 5 s for one. */
export async function nextApproval(device: StackDevice): Promise<InboxApproval> {
  for (let i = 0; i < 100; i++) {
    const inbox = await device.json<{ items: { kind: string; approval?: InboxApproval }[] }>(
      "GET",
      "/api/app/inbox",
    );
    const approval = inbox.body.items.find((item) => item.kind === "approval")?.approval;
    if (approval) return approval;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("no approval in the inbox");
}

/** The stack's MOBILE_BINDING_WAIT_HOURS (its default). */
const BINDING_WAIT_MS = 24 * 3_600_000;

/**
 * Makes the citizen's active devices a day old, as if their binding wait had passed
 * (docs/mobile.md "Binding a new device"). The stack runs on the real clock, so the stored
 * timestamps move back instead: the worker reads the wait from them, never from an alarm.
 */
export async function pastBindingWait(stack: RunningStack, citizenId: string): Promise<void> {
  await stack.accounts.execute({
    sql: `UPDATE devices SET created_at = created_at - ?, wait_ends_at = wait_ends_at - ?
      WHERE citizen_id = ? AND status = 'active'`,
    args: [BINDING_WAIT_MS, BINDING_WAIT_MS, citizenId],
  });
}
