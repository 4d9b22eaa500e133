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
