/**
 * The little of oidc-provider 9 that the token benchmark's provider process uses: the package
 * ships no type declarations.
 */
declare module "oidc-provider" {
  import type { IncomingMessage, ServerResponse } from "node:http";

  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    on(event: "server_error" | "grant.error", listener: (ctx: unknown, error: Error) => void): this;
  }
}

declare module "oidc-provider/lib/adapters/memory_adapter.js" {
  /** The default adapter: one model's entries in a store shared by every model. */
  export default class MemoryAdapter {
    constructor(model: string, store: unknown, clockTolerance: number);
  }
}

declare module "oidc-provider/lib/helpers/lru.js" {
  export default class LRU {
    constructor(options: { maxSize: number });
  }
}
