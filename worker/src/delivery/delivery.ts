/**
 * Delivery: the port through which Llave reaches citizens (SMS, e-mail, the citizen app).
 * Adapters: the HTTP gateways used in production (gateway.ts) and the dev outbox that
 * captures every message locally (outbox.ts). Messages carry one-time secrets, so adapters
 * never log their text.
 */
export type DeliveryChannel = "sms" | "email" | "app";

export type Message = {
  channel: DeliveryChannel;
  /** E.164 number, e-mail address, or the citizen id for the app. */
  to: string;
  citizenId: string;
  /** What the message is about, e.g. "pin"; lets the app and the outbox sort messages. */
  kind: string;
  text: string;
  /** Structured content for the app (e.g. the PIN and its expiry). */
  data?: Record<string, string | number>;
};

export interface Delivery {
  /** Whether messages can go out on `channel` at all (e.g. a gateway is configured for it). */
  supports(channel: DeliveryChannel): boolean;
  /** Resolves once the channel accepted the message; rejects when it did not. */
  send(message: Message): Promise<void>;
}

export class DeliveryError extends Error {
  override name = "DeliveryError";
}

/**
 * One message on every contact the citizen registered, SMS and e-mail: how Llave tells a
 * citizen that something changed (a lock, a password, a new device), so that nobody can do it
 * unnoticed.
 */
export function onEveryContact(
  citizen: { id: string; mobile: string | null; email: string | null },
  kind: string,
  text: string,
): Message[] {
  const base = { citizenId: citizen.id, kind, text };
  return [
    ...(citizen.mobile ? [{ ...base, channel: "sms" as const, to: citizen.mobile }] : []),
    ...(citizen.email ? [{ ...base, channel: "email" as const, to: citizen.email }] : []),
  ];
}
