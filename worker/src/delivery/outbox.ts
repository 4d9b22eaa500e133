/**
 * The dev outbox: in local development and tests every message lands here instead of a
 * gateway, so a person (or a test) can read the PIN. It lives in the Node process of the
 * local stack (scripts/lib/outbox.ts), reached through the DEV_OUTBOX service binding, which
 * only exists when the worker is started by the local stack or the tests.
 */

import type { ServiceBinding } from "../service-binding.ts";
import type { Delivery, Message } from "./delivery.ts";
import { DeliveryError } from "./delivery.ts";

export type OutboxEntry = Message & { id: number; at: number };

export class OutboxDelivery implements Delivery {
  readonly #outbox: ServiceBinding;

  constructor(outbox: ServiceBinding) {
    this.#outbox = outbox;
  }

  /** The outbox captures every channel. */
  supports(): boolean {
    return true;
  }

  async send(message: Message): Promise<void> {
    const response = await this.#outbox.fetch("http://dev-outbox/messages", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(message),
    });
    if (!response.ok) throw new DeliveryError(`The dev outbox answered ${response.status}`);
  }

  /** Newest first, optionally only those sent to `to`. */
  async list(filter: { to?: string; limit?: number } = {}): Promise<OutboxEntry[]> {
    const query = new URLSearchParams();
    if (filter.to) query.set("to", filter.to);
    if (filter.limit) query.set("limit", String(filter.limit));
    const response = await this.#outbox.fetch(`http://dev-outbox/messages?${query}`);
    return (await response.json()) as OutboxEntry[];
  }
}
