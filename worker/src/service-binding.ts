/**
 * A service binding as Llave uses it: structural, so modules shared with Node-side tooling
 * (the dev bridge, the outbox) type-check there too without the Workers globals.
 */
export type ServiceBinding = { fetch(input: string, init?: RequestInit): Promise<Response> };
