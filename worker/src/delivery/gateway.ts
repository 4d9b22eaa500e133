/**
 * Production delivery through HTTP gateways: one JSON POST per message to the gateway of its
 * channel, with a bearer token. Governments contract SMS, e-mail and push providers
 * separately; a small gateway in front of each keeps Llave independent of any one vendor.
 *
 * Body: `{ "to", "kind", "text", "data" }`; any 2xx within 10 s is accepted. There is no retry:
 * a one-time code that arrives late is worse than none, and the citizen can ask again.
 *
 * The app channel's gateway (a push service) only wakes the citizen's phone: it gets the kind
 * and a generic text, never the message's text or data, which carry secrets. The app reads
 * the real content from its inbox over its own authenticated connection.
 */
import type { Gateway } from "../config.ts";
import { type Delivery, type DeliveryChannel, DeliveryError, type Message } from "./delivery.ts";

const TIMEOUT_MS = 10_000;
const WAKE_UP = "Llave: tiene un aviso nuevo en la app.";

export class GatewayDelivery implements Delivery {
  readonly #gateways: Record<DeliveryChannel, Gateway | undefined>;
  readonly #fetch: typeof fetch;

  constructor(
    gateways: Record<DeliveryChannel, Gateway | undefined>,
    // Wrapped: the platform's fetch throws when called with another `this`.
    fetcher: typeof fetch = (input, init) => fetch(input, init),
  ) {
    this.#gateways = gateways;
    this.#fetch = fetcher;
  }

  supports(channel: DeliveryChannel): boolean {
    return this.#gateways[channel] !== undefined;
  }

  async send(message: Message): Promise<void> {
    const gateway = this.#gateways[message.channel];
    if (!gateway) throw new DeliveryError(`No gateway is configured for ${message.channel}`);
    const response = await this.#fetch(gateway.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(gateway.token ? { authorization: `Bearer ${gateway.token}` } : {}),
      },
      body: JSON.stringify(
        message.channel === "app"
          ? { to: message.to, kind: message.kind, text: WAKE_UP, data: {} }
          : { to: message.to, kind: message.kind, text: message.text, data: message.data ?? {} },
      ),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) {
      throw new DeliveryError(`The ${message.channel} gateway answered ${response.status}`);
    }
  }
}
