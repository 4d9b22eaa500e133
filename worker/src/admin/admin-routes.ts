/**
 * The admin API, for operators registering agencies' clients (docs/api.md "Admin API and CLI"):
 *   GET   /admin/clients              list, a page at a time, in id order
 *   POST  /admin/clients              register a client; its secret is in this answer only
 *   GET   /admin/clients/{id}         one client
 *   PATCH /admin/clients/{id}         change, disable or enable it
 *   POST  /admin/clients/{id}/secret  rotate its secret, the old one kept for a grace period
 *   POST  /admin/citizens/{id}/activation-codes  issue a password activation code (citizen-routes.ts)
 *   POST  /admin/unlocks              lift a citizen's lockouts, audited (unlock-routes.ts)
 *
 * Every answer of these routes, errors included, is `no-store`: some carry secrets, all
 * describe security settings. Secrets are shown once and stored only as digests; the views
 * never carry a digest.
 */
import { Hono } from "hono";
import { requester } from "../api/request-context.ts";
import { jsonBody, queryParams, requireJson } from "../api/validate.ts";
import type { AppDeps } from "../app.ts";
import { clientSecretHash, newClientSecret } from "../crypto/client-secret.ts";
import { Problem } from "../errors.ts";
import {
  type Client,
  type ClientAuthMethod,
  ClientNotFoundError,
  type ClientPatch,
  DuplicateClientError,
  type NewClient,
} from "../storage/client-store.ts";
import {
  CLIENT_ID,
  ClientListQuery,
  ClientPatchRequest,
  clientView,
  NewClientRequest,
  RotateSecretRequest,
} from "./admin-schemas.ts";
import { citizenAdminRoutes } from "./citizen-routes.ts";
import {
  type ClientCandidate,
  clientIssues,
  defaultSector,
  type ServerAddresses,
  serverAddressIssues,
} from "./client-metadata.ts";
import { operatorAuth } from "./operator-auth.ts";
import { unlockRoutes } from "./unlock-routes.ts";

const usesSecret = (method: ClientAuthMethod): boolean => method !== "private_key_jwt";

/**
 * `client` when it may be saved as it is; otherwise the problem that lists what is wrong.
 * `changed` holds the server-called addresses the request sets (all of them for a new client).
 */
function checked<T extends ClientCandidate>(
  client: T,
  changed: ServerAddresses,
  devMode: boolean,
): T & { sectorIdentifier: string } {
  const issues = [...clientIssues(client), ...serverAddressIssues(changed, devMode)];
  if (issues.length > 0) {
    throw new Problem("invalid_client_metadata", "The client metadata is not valid", {
      errors: issues,
    });
  }
  // clientIssues reports a missing sector, so there is one here.
  return client as T & { sectorIdentifier: string };
}

/** The store's refusals as wire problems. */
function storeProblem(error: unknown): never {
  if (error instanceof DuplicateClientError) throw new Problem("client_exists");
  if (error instanceof ClientNotFoundError) throw new Problem("client_not_found");
  throw error;
}

/** The members a patch sets (a JSON body has no `undefined`; the types do not know that). */
const setMembers = (patch: Record<string, unknown>): ClientPatch =>
  Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as ClientPatch;

/**
 * The admin routes; mounted by createApp.
 *
 * @example app.route("/admin", adminRoutes(deps));
 */
export function adminRoutes(deps: AppDeps): Hono {
  const { config, clients, clock, random } = deps;
  const app = new Hono();

  app.use("*", async (c, next) => {
    await next();
    c.res.headers.set("cache-control", "no-store");
  });
  app.use("*", operatorAuth(config.adminToken));

  async function existing(id: string): Promise<Client> {
    const client = CLIENT_ID.test(id) ? await clients.find(id) : null;
    if (!client) throw new Problem("client_not_found");
    return client;
  }

  app.get("/clients", queryParams(ClientListQuery), async (c) => {
    const { limit, after } = c.req.valid("query");
    const page = await clients.list({ limit, after });
    return c.json({ clients: page.clients.map(clientView), next: page.next });
  });

  app.post(
    "/clients",
    requireJson,
    jsonBody(NewClientRequest, "invalid_client_metadata"),
    async (c) => {
      const { id, sectorIdentifier, jwks, jwksUri, backchannelLogoutUri, ...body } =
        c.req.valid("json");
      const settings = checked(
        {
          ...body,
          jwks: jwks ?? null,
          jwksUri: jwksUri ?? null,
          backchannelLogoutUri: backchannelLogoutUri ?? null,
          sectorIdentifier: sectorIdentifier ?? defaultSector(body.subjectType, body.redirectUris),
        },
        { jwksUri, backchannelLogoutUri },
        config.devMode,
      );
      const secret = usesSecret(body.authMethod) ? newClientSecret(random) : undefined;
      const input: NewClient = {
        ...settings,
        ...(id === undefined ? {} : { id }),
        secretHash: secret === undefined ? null : await clientSecretHash(secret),
      };
      const client = await clients.create(input, requester(c, "operator")).catch(storeProblem);
      c.header("location", `/admin/clients/${client.id}`);
      return c.json(
        { client: clientView(client), ...(secret === undefined ? {} : { clientSecret: secret }) },
        201,
      );
    },
  );

  app.get("/clients/:id", async (c) => c.json(clientView(await existing(c.req.param("id")))));

  /**
   * A client moved to a secret method gets a new secret, issued right after the update: if
   * that second write failed, the client would have no secret and so could not authenticate
   * (it fails closed) until `POST …/secret` issues one.
   */
  app.patch(
    "/clients/:id",
    requireJson,
    jsonBody(ClientPatchRequest, "invalid_client_metadata"),
    async (c) => {
      const current = await existing(c.req.param("id"));
      const patch = setMembers(c.req.valid("json"));
      checked({ ...current, ...patch }, patch, config.devMode);
      const who = requester(c, "operator");
      let client = await clients.update(current.id, patch, who).catch(storeProblem);
      let secret: string | undefined;
      if (usesSecret(client.authMethod) && client.secretHash === null) {
        secret = newClientSecret(random);
        const hash = await clientSecretHash(secret);
        client = await clients.rotateSecret(client.id, hash, clock.now(), who).catch(storeProblem);
      }
      return c.json({
        client: clientView(client),
        ...(secret === undefined ? {} : { clientSecret: secret }),
      });
    },
  );

  app.post("/clients/:id/secret", requireJson, jsonBody(RotateSecretRequest), async (c) => {
    const current = await existing(c.req.param("id"));
    if (!usesSecret(current.authMethod)) {
      throw new Problem(
        "no_client_secret",
        "This client uses private_key_jwt: change its keys (jwks or jwksUri) instead",
      );
    }
    const { graceSeconds } = c.req.valid("json");
    const secret = newClientSecret(random);
    const graceUntil = clock.now() + graceSeconds * 1000;
    const client = await clients
      .rotateSecret(
        current.id,
        await clientSecretHash(secret),
        graceUntil,
        requester(c, "operator"),
      )
      .catch(storeProblem);
    return c.json({
      clientSecret: secret,
      previousSecretExpiresAt: client.previousSecretExpiresAt,
    });
  });

  app.route("/", citizenAdminRoutes(deps));
  app.route("/", unlockRoutes(deps));
  return app;
}
