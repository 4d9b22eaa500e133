/**
 * The admin API (docs/api.md "Admin API and CLI"): registering and managing the agencies'
 * OpenID Connect clients. Every refusal is an RFC 9457 problem, surfaced as a `LlaveError`
 * with code `problem` and the problem's `type`, `status` and `code` (`problemCode`). The admin
 * token is sent only in the `Authorization` header and never appears in an error.
 */
import type { JWK } from "jose";
import type { AcrLevel } from "./acr.ts";
import { LlaveError } from "./errors.ts";
import { type FetchLike, jsonObject, send } from "./http.ts";

/**
 * Scopes a client may be granted.
 *
 * @example
 * ```ts
 * const scopes: Scope[] = ["openid", "profile", "document"];
 * ```
 */
export type Scope = "openid" | "profile" | "email" | "phone" | "document" | "offline_access";

/**
 * The members of a client an operator sets (docs/api.md "A client").
 *
 * @example
 * ```ts
 * await admin.createClient({ name: "Sede", redirectUris: ["https://sede.example/callback"] });
 * ```
 */
export type ClientMetadata = {
  /** The `client_id`: a slug (3–64 of `a-z`, `0-9`, `-`). Default: generated; fixed once set. */
  id?: string;
  /** The agency's name, shown to citizens on the login page. */
  name: string;
  /** How the client authenticates at the token endpoint. Default `client_secret_basic`. */
  authMethod?: "client_secret_basic" | "client_secret_post" | "private_key_jwt";
  /** Where Llave may send the citizen back, each matched exactly (`https`; `http` on loopback). */
  redirectUris: string[];
  /** Where Llave may send the citizen after logout, same rules. Default none. */
  postLogoutRedirectUris?: string[];
  /** Origins that may frame the login app, as a browser writes them. Default none. */
  frameOrigins?: string[];
  /** The login methods the agency accepts. Default `["pin"]`. */
  allowedMethods?: ("pin" | "password" | "mobile")[];
  /** The lowest level of assurance the client accepts. Default `low`. */
  minAcr?: AcrLevel;
  /** `pairwise` (a different `sub` per sector) or `public`. Default `pairwise`. */
  subjectType?: "pairwise" | "public";
  /** The sector of a pairwise client, a host name. Default: the redirect URIs' host. */
  sectorIdentifier?: string;
  /** The scopes the client may ask for; must include `openid`. Default `["openid"]`. */
  scopes?: Scope[];
  /** The ID-token signing algorithm. Default `ES256`. */
  idTokenAlg?: "ES256" | "RS256";
  /** ID-token lifetime in seconds (60–3600). Default 300. */
  idTokenTtl?: number;
  /** Access-token lifetime in seconds (60–3600). Default 300. */
  accessTokenTtl?: number;
  /** How long a refresh-token family lives, in seconds (300–2592000). Default 86400. */
  refreshTokenTtl?: number;
  /** The client's public keys, for `private_key_jwt` or signed request objects. */
  jwks?: {
    /** 1 to 10 public keys (`EC`, `RSA` or `OKP`); a private member is refused. */
    keys: JWK[];
  } | null;
  /** Or where the client publishes them (`https`); `private_key_jwt` needs one of the two. */
  jwksUri?: string | null;
  /** Where Llave posts OpenID Connect back-channel logout tokens. Default none. */
  backchannelLogoutUri?: string | null;
};

/**
 * A change to a client: any member but `id`, plus `status`; `null` clears the nullable ones.
 *
 * @example
 * ```ts
 * await admin.updateClient("sede", { minAcr: "substantial", status: "active" });
 * ```
 */
export type ClientPatch = Partial<Omit<ClientMetadata, "id">> & {
  /** `disabled` refuses the client at /authorize and in client authentication; `active` undoes it. */
  status?: "active" | "disabled";
};

/**
 * A registered client as the admin API answers it (never with a secret).
 *
 * @example
 * ```ts
 * const { redirectUris, status } = await admin.getClient("sede");
 * ```
 */
export type ClientRecord = Required<
  Omit<ClientMetadata, "jwks" | "jwksUri" | "backchannelLogoutUri">
> & {
  /** The client's public keys, or `null`. */
  jwks: {
    /** The public keys. */
    keys: JWK[];
  } | null;
  /** Where the client publishes its public keys, or `null`. */
  jwksUri: string | null;
  /** The back-channel logout URI, or `null`. */
  backchannelLogoutUri: string | null;
  /** A `disabled` client is refused at /authorize and in client authentication. */
  status: "active" | "disabled";
  /** Until when (epoch ms) the secret before the last rotation still works, or `null`. */
  previousSecretExpiresAt: number | null;
  /** When the client was registered (epoch ms). */
  createdAt: number;
  /** When the client last changed (epoch ms). */
  updatedAt: number;
};

/**
 * A client and, when one was issued by this call, its secret (shown once).
 *
 * @example
 * ```ts
 * const { client, clientSecret } = await admin.createClient(metadata);
 * ```
 */
export type ClientWithSecret = {
  /** The client as registered. */
  client: ClientRecord;
  /** The new secret, in clear this once (Llave keeps only a digest). */
  clientSecret?: string;
};

/**
 * A new secret (shown once) and when the previous one stops working (epoch ms).
 *
 * @example
 * ```ts
 * const { clientSecret, previousSecretExpiresAt } = await admin.rotateSecret("sede");
 * ```
 */
export type RotatedSecret = {
  /** The new secret, in clear this once. */
  clientSecret: string;
  /** Until when (epoch ms) the previous secret still works; `null` without a grace period. */
  previousSecretExpiresAt: number | null;
};

/**
 * One page of clients; pass `next` as `after` for the following one.
 *
 * @example
 * ```ts
 * const { clients, next } = await admin.listClients({ limit: 50 });
 * ```
 */
export type ClientPage = {
  /** The clients of this page, by id. */
  clients: ClientRecord[];
  /** The cursor of the next page (`after`), or `null` on the last one. */
  next: string | null;
};

/**
 * An activation code just issued (docs/password.md "Activation codes").
 *
 * @example
 * ```ts
 * const { code, expiresAt } = await admin.issueActivationCode("cit_123", { delivery: "letter" });
 * ```
 */
export type IssuedActivationCode = {
  /** `sms`: sent to the citizen's mobile; `letter`: returned here, for printing. */
  delivery: "sms" | "letter";
  /** When the code stops working (epoch ms). */
  expiresAt: number;
  /** The code as printed (`ABCD-EFGH-JKMN-PQRS`), only for `letter`. */
  code?: string;
};

/**
 * What an operator's unlock lifted (docs/api.md "Unlock a citizen").
 *
 * @example
 * ```ts
 * const { cleared } = await admin.unlockCitizen({ document: "12345678Z" }, { operator, reason });
 * ```
 */
export type UnlockedCitizen = {
  /** Llave's id of the citizen. */
  citizenId: string;
  /** When the lockouts were lifted (epoch ms). */
  unlockedAt: number;
  /** The consecutive failures that still counted and were cleared. */
  cleared: {
    /** Account-wide: PINs, SMS and app codes, passwords. */
    failures: number;
    /** The password's own, behind its pause. */
    passwordFailures: number;
  };
};

/**
 * Options of {@link createAdminClient}.
 *
 * @example
 * ```ts
 * createAdminClient({ baseUrl: "https://llave.example", token: env.LLAVE_ADMIN_TOKEN });
 * ```
 */
export type AdminOptions = {
  /** The deployment's URL, e.g. `https://llave.example`. */
  baseUrl: string;
  /** The deployment's `ADMIN_TOKEN`. */
  token: string;
  /** The `fetch` to use. Default: global. */
  fetch?: FetchLike;
};

/**
 * The admin client returned by {@link createAdminClient}.
 *
 * @example
 * ```ts
 * const admin: LlaveAdmin = createAdminClient({ baseUrl, token });
 * ```
 */
export type LlaveAdmin = {
  /**
   * Registers a client; the answer holds its secret this once.
   * @example
   * ```ts
   * const { client, clientSecret } = await admin.createClient({
   *   name: "Sede electrónica",
   *   redirectUris: ["https://sede.example/callback"],
   *   scopes: ["openid", "profile"],
   * });
   * ```
   */
  createClient(metadata: ClientMetadata): Promise<ClientWithSecret>;
  /**
   * One client.
   * @example
   * ```ts
   * const client = await admin.getClient("sede-electronica");
   * ```
   */
  getClient(id: string): Promise<ClientRecord>;
  /**
   * One page of clients, in id order.
   * @example
   * ```ts
   * const { clients, next } = await admin.listClients({ limit: 20 });
   * ```
   */
  listClients(options?: { limit?: number; after?: string }): Promise<ClientPage>;
  /**
   * Every client, page after page.
   * @example
   * ```ts
   * for await (const client of admin.allClients()) console.log(client.id);
   * ```
   */
  allClients(options?: { pageSize?: number }): AsyncGenerator<ClientRecord>;
  /**
   * Changes a client; `clientSecret` is present when the change issued one.
   * @example
   * ```ts
   * await admin.updateClient("sede-electronica", { minAcr: "substantial" });
   * ```
   */
  updateClient(id: string, patch: ClientPatch): Promise<ClientWithSecret>;
  /**
   * Disables a client: its logins and tokens stop working.
   * @example
   * ```ts
   * await admin.disableClient("sede-electronica");
   * ```
   */
  disableClient(id: string): Promise<ClientRecord>;
  /**
   * Enables a disabled client again.
   * @example
   * ```ts
   * await admin.enableClient("sede-electronica");
   * ```
   */
  enableClient(id: string): Promise<ClientRecord>;
  /**
   * Issues a new secret; the previous one works for `graceSeconds` more (default 86400).
   * @example
   * ```ts
   * const { clientSecret } = await admin.rotateSecret("sede-electronica", { graceSeconds: 3600 });
   * ```
   */
  rotateSecret(id: string, options?: { graceSeconds?: number }): Promise<RotatedSecret>;
  /**
   * Issues a permanent-password activation code for an active, advanced-level citizen; any
   * earlier code stops working. By SMS the code never reaches the operator.
   * @example
   * ```ts
   * const { code } = await admin.issueActivationCode("cit_123", { delivery: "letter" });
   * ```
   */
  issueActivationCode(
    citizenId: string,
    options: { delivery: "sms" | "letter" },
  ): Promise<IssuedActivationCode>;
  /**
   * Lifts a citizen's lockouts at once (the account-wide back-off and hard stop, the
   * password's pause), for a citizen who proved who they are; audited with `operator` and
   * `reason`, and told to the citizen. Lockouts also end by themselves.
   * @example
   * ```ts
   * await admin.unlockCitizen(
   *   { document: "12345678Z" },
   *   { operator: "officer-ana", reason: "Identified at the office with her DNI" },
   * );
   * ```
   */
  unlockCitizen(
    citizen: { document: string } | { citizenId: string },
    options: { operator: string; reason: string },
  ): Promise<UnlockedCitizen>;
};

/**
 * Creates an admin API client.
 *
 * @example
 * ```ts
 * import { createAdminClient } from "@llave/sdk";
 *
 * const admin = createAdminClient({ baseUrl: "https://llave.example", token: process.env.LLAVE_ADMIN_TOKEN! });
 * ```
 */
export function createAdminClient(options: AdminOptions): LlaveAdmin {
  if (!options.baseUrl || !options.token) {
    throw new LlaveError("invalid_configuration", "createAdminClient needs baseUrl and token");
  }
  const base = options.baseUrl.replace(/\/$/, "");
  const fetcher: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));

  async function call(method: string, path: string, body?: unknown) {
    const headers: Record<string, string> = {
      authorization: `Bearer ${options.token}`,
      accept: "application/json, application/problem+json",
    };
    if (body !== undefined) headers["content-type"] = "application/json";
    const response = await send(fetcher, `${base}/admin${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw await problem(response);
    return jsonObject(response, "Admin API");
  }
  const withSecret = (body: Record<string, unknown>): ClientWithSecret => ({
    client: body.client as ClientRecord,
    ...(typeof body.clientSecret === "string" ? { clientSecret: body.clientSecret } : {}),
  });
  const client = async (method: string, path: string, body?: unknown) =>
    (await call(method, path, body)).client as ClientRecord;
  const at = (id: string) => `/clients/${encodeURIComponent(id)}`;

  const admin: LlaveAdmin = {
    async issueActivationCode(citizenId, opts) {
      const path = `/citizens/${encodeURIComponent(citizenId)}/activation-codes`;
      const body = await call("POST", path, { delivery: opts.delivery });
      return {
        delivery: body.delivery as "sms" | "letter",
        expiresAt: body.expiresAt as number,
        ...(typeof body.code === "string" ? { code: body.code } : {}),
      };
    },
    async unlockCitizen(citizen, opts) {
      const body = await call("POST", "/unlocks", { ...citizen, ...opts });
      return {
        citizenId: body.citizenId as string,
        unlockedAt: body.unlockedAt as number,
        cleared: body.cleared as UnlockedCitizen["cleared"],
      };
    },
    async createClient(metadata) {
      return withSecret(await call("POST", "/clients", metadata));
    },
    // GET answers the client itself; the changing calls wrap it as `{ client }`.
    getClient: async (id) => (await call("GET", at(id))) as unknown as ClientRecord,
    async listClients(opts = {}) {
      const query = new URLSearchParams();
      if (opts.limit !== undefined) query.set("limit", String(opts.limit));
      if (opts.after !== undefined) query.set("after", opts.after);
      const suffix = query.size > 0 ? `?${query}` : "";
      const body = await call("GET", `/clients${suffix}`);
      return {
        clients: body.clients as ClientRecord[],
        next: (body.next as string | null) ?? null,
      };
    },
    async *allClients(opts = {}) {
      let after: string | undefined;
      do {
        const page = await admin.listClients({
          ...(opts.pageSize === undefined ? {} : { limit: opts.pageSize }),
          ...(after === undefined ? {} : { after }),
        });
        yield* page.clients;
        after = page.next ?? undefined;
      } while (after !== undefined);
    },
    async updateClient(id, patch) {
      return withSecret(await call("PATCH", at(id), patch));
    },
    disableClient: (id) => client("PATCH", at(id), { status: "disabled" }),
    enableClient: (id) => client("PATCH", at(id), { status: "active" }),
    async rotateSecret(id, opts = {}) {
      const body = await call("POST", `${at(id)}/secret`, opts);
      if (typeof body.clientSecret !== "string") {
        throw new LlaveError("invalid_response", "Secret rotation answered no clientSecret");
      }
      const expires = body.previousSecretExpiresAt;
      return {
        clientSecret: body.clientSecret,
        previousSecretExpiresAt: typeof expires === "number" ? expires : null,
      };
    },
  };
  return admin;
}

/** An RFC 9457 problem answer as a `problem` LlaveError. */
async function problem(response: Response): Promise<LlaveError<"problem" | "invalid_response">> {
  const body = await jsonObject(response, "Admin API").catch(() => null);
  if (!body || typeof body.type !== "string") {
    return new LlaveError("invalid_response", `Admin API answered ${response.status}`, {
      status: response.status,
    });
  }
  const code = typeof body.code === "string" ? body.code : undefined;
  const title = typeof body.title === "string" ? body.title : "Admin API problem";
  const detail = typeof body.detail === "string" ? `: ${body.detail}` : "";
  return new LlaveError("problem", `${title}${detail}`, {
    type: body.type,
    status: typeof body.status === "number" ? body.status : response.status,
    problemCode: code,
    body,
  });
}
