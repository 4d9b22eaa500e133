/**
 * The admin API for agencies' clients, through the real app: the bearer token (and no API at
 * all without one), registering, reading, listing, changing, disabling and rotating, every
 * metadata rule, secrets shown once and kept only as digests, and hostile input answered with
 * 4xx problems.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clientSecretHash, clientSecretMatches } from "../../worker/src/crypto/client-secret.ts";
import { cryptoRandom, randomToken } from "../../worker/src/crypto/random.ts";
import type { Client } from "../../worker/src/storage/client-store.ts";
import { SAMPLE_JWK } from "../contracts/client-store.contract.ts";
import { harness, type ProblemBody } from "./harness.ts";

const h = harness();
const token = h.config.adminToken;
if (!token) throw new Error("tests need ADMIN_TOKEN (scripts/lib/secrets.ts)");
const auth = { authorization: `Bearer ${token}` };

const admin = (
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) => h.call(method, path, body, { ...auth, ...headers });

type Saved = { client: Omit<Client, "secretHash" | "previousSecretHash">; clientSecret?: string };

/** A slug no other test uses. */
const slug = (label = "agencia") =>
  `${label}-${randomToken(cryptoRandom, 60)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "0")}`;

const minimal = (overrides: Record<string, unknown> = {}) => ({
  name: "Agencia de Pruebas",
  redirectUris: ["https://sede.agencia.example/callback"],
  ...overrides,
});

async function create(body: Record<string, unknown> = minimal()): Promise<Saved> {
  const response = await admin("POST", "/admin/clients", body);
  if (response.status !== 201) throw new Error(`create: ${await response.text()}`);
  return (await response.json()) as Saved;
}

async function expectProblem(response: Response, status: number, code: string) {
  expect(response.status, await response.clone().text()).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  // A 413 is answered by the app-wide body limit, before the admin routes run.
  if (status !== 413) expect(response.headers.get("cache-control")).toBe("no-store");
  const body = (await response.json()) as ProblemBody & {
    errors?: { path: string; message: string }[];
  };
  expect(body).toMatchObject({ code, type: `urn:llave:problem:${code}`, status });
  return body;
}

async function eventsOf(clientId: string) {
  const entries = await h.deps.audit.list({ limit: 1000 });
  return entries.filter((e) => e.detail?.clientId === clientId).reverse();
}

describe("operator authentication", () => {
  it("without a token every admin path is 401 with a Bearer challenge", async () => {
    for (const [method, path] of [
      ["GET", "/admin/clients"],
      ["POST", "/admin/clients"],
      ["GET", "/admin/clients/demo-agency"],
      ["PATCH", "/admin/clients/demo-agency"],
      ["POST", "/admin/clients/demo-agency/secret"],
      ["GET", "/admin/whatever"],
    ] as const) {
      const response = await h.call(method, path, method === "GET" ? undefined : {});
      await expectProblem(response, 401, "unauthorized");
      expect(response.headers.get("www-authenticate")).toBe('Bearer realm="llave-admin"');
    }
  });

  it("a wrong token, or the right one in another scheme, is 401 invalid_token", async () => {
    for (const authorization of [
      `Bearer ${token}x`,
      `Bearer ${token.slice(0, -1)}`,
      "Bearer ",
      `Basic ${btoa(`admin:${token}`)}`,
      token,
    ]) {
      const response = await h.call("GET", "/admin/clients", undefined, { authorization });
      await expectProblem(response, 401, "unauthorized");
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer realm="llave-admin"/);
    }
    const wrong = await h.call("GET", "/admin/clients", undefined, { authorization: "Bearer x" });
    expect(wrong.headers.get("www-authenticate")).toBe(
      'Bearer realm="llave-admin", error="invalid_token"',
    );
  });

  it("the right token opens the API, in any case of the scheme; answers are no-store", async () => {
    for (const scheme of ["Bearer", "bearer"]) {
      const response = await h.call("GET", "/admin/clients", undefined, {
        authorization: `${scheme} ${token}`,
      });
      expect(response.status).toBe(200);
      expect(response.headers.get("cache-control")).toBe("no-store");
    }
  });

  it("does not exist where no ADMIN_TOKEN is configured: 404, even with a token", async () => {
    const closed = harness({ config: (c) => ({ ...c, adminToken: undefined }) });
    for (const headers of [{}, auth]) {
      await expectProblem(
        await closed.call("GET", "/admin/clients", undefined, headers),
        404,
        "not_found",
      );
      await expectProblem(
        await closed.call("POST", "/admin/clients", minimal(), headers),
        404,
        "not_found",
      );
    }
  });

  it("authenticates before it looks at the body", async () => {
    const response = await h.call("POST", "/admin/clients", "not json", {
      "content-type": "text/plain",
    });
    await expectProblem(response, 401, "unauthorized");
  });
});

describe("registering a client", () => {
  it("fills the defaults and shows the secret once, keeping only its digest", async () => {
    const response = await admin("POST", "/admin/clients", minimal());
    expect(response.status).toBe(201);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const { client, clientSecret } = (await response.json()) as Saved;
    expect(response.headers.get("location")).toBe(`/admin/clients/${client.id}`);
    expect(client).toEqual({
      id: expect.stringMatching(/^cl_[A-Za-z0-9_-]{22}$/),
      name: "Agencia de Pruebas",
      status: "active",
      authMethod: "client_secret_basic",
      previousSecretExpiresAt: null,
      jwks: null,
      jwksUri: null,
      redirectUris: ["https://sede.agencia.example/callback"],
      postLogoutRedirectUris: [],
      frameOrigins: [],
      allowedMethods: ["pin"],
      minAcr: "low",
      subjectType: "pairwise",
      sectorIdentifier: "sede.agencia.example",
      scopes: ["openid"],
      idTokenAlg: "ES256",
      idTokenTtl: 300,
      accessTokenTtl: 300,
      refreshTokenTtl: 86_400,
      backchannelLogoutUri: null,
      createdAt: h.clock.now(),
      updatedAt: h.clock.now(),
    });
    expect(clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const stored = await h.deps.clients.find(client.id);
    expect(stored?.secretHash).toBe(await clientSecretHash(clientSecret ?? ""));
    const read = await (await admin("GET", `/admin/clients/${client.id}`)).text();
    expect(read).not.toContain(clientSecret);
    expect(read).not.toMatch(/secretHash/i);
    const events = await eventsOf(client.id);
    expect(events).toMatchObject([
      { event: "client.created", actor: "operator", detail: { authMethod: "client_secret_basic" } },
    ]);
    expect(JSON.stringify(events)).not.toContain(clientSecret);
    expect(JSON.stringify(events)).not.toContain(stored?.secretHash);
  });

  it("keeps every field an operator sets, and an id of their choosing", async () => {
    const body = {
      id: slug(),
      name: "Ayuntamiento de Pruebas",
      authMethod: "client_secret_post",
      redirectUris: ["https://sede.ayto.example/cb", "http://localhost:8788/cb"],
      postLogoutRedirectUris: ["https://sede.ayto.example/", "http://[::1]:8788/"],
      frameOrigins: ["https://sede.ayto.example", "http://127.0.0.1:8788"],
      allowedMethods: ["pin", "password"],
      minAcr: "substantial",
      subjectType: "pairwise",
      sectorIdentifier: "ayto.example",
      scopes: ["openid", "profile", "email", "phone", "document", "offline_access"],
      idTokenAlg: "RS256",
      idTokenTtl: 60,
      accessTokenTtl: 3600,
      refreshTokenTtl: 2_592_000,
      jwksUri: "https://sede.ayto.example/jwks.json",
      backchannelLogoutUri: "https://sede.ayto.example/logout",
    };
    const { client, clientSecret } = await create(body);
    expect(client).toMatchObject({ ...body, jwks: null, status: "active" });
    expect(clientSecret).toBeDefined();
    expect(await (await admin("GET", `/admin/clients/${body.id}`)).json()).toEqual(client);
  });

  it("a private_key_jwt client gets no secret", async () => {
    const saved = await create(
      minimal({ authMethod: "private_key_jwt", jwks: { keys: [SAMPLE_JWK] } }),
    );
    expect(saved.clientSecret).toBeUndefined();
    expect(saved.client.jwks).toEqual({ keys: [SAMPLE_JWK] });
    expect((await h.deps.clients.find(saved.client.id))?.secretHash).toBeNull();
  });

  it("refuses an id that is taken with 409 client_exists, and keeps the first", async () => {
    const id = slug();
    await create(minimal({ id }));
    await expectProblem(
      await admin("POST", "/admin/clients", minimal({ id, name: "Impostor" })),
      409,
      "client_exists",
    );
    expect((await h.deps.clients.find(id))?.name).toBe("Agencia de Pruebas");
  });

  it("a pairwise client on several hosts needs a sector; a public one does not", async () => {
    const redirectUris = ["https://a.agencia.example/cb", "https://b.agencia.example/cb"];
    const refused = await expectProblem(
      await admin("POST", "/admin/clients", minimal({ redirectUris })),
      400,
      "invalid_client_metadata",
    );
    expect(refused.errors).toEqual([
      { path: "sectorIdentifier", message: expect.stringContaining("a.agencia.example") },
    ]);
    const withSector = await create(minimal({ redirectUris, sectorIdentifier: "agencia.example" }));
    expect(withSector.client.sectorIdentifier).toBe("agencia.example");
    const publicOne = await create(minimal({ redirectUris, subjectType: "public" }));
    expect(publicOne.client.sectorIdentifier).toBe("a.agencia.example");
  });
});

/** [what is wrong, body, the path the problem names] */
const INVALID: [string, Record<string, unknown>, string][] = [
  ["no name", { redirectUris: ["https://a.example/cb"] }, "name"],
  ["an empty name", minimal({ name: "   " }), "name"],
  ["a name over 120 characters", minimal({ name: "x".repeat(121) }), "name"],
  ["a name with a bidi override", minimal({ name: "Agencia \u202Eelpmaxe" }), "name"],
  ["a name with a control character", minimal({ name: "Agencia\u0000" }), "name"],
  ["an id too short", minimal({ id: "ab" }), "id"],
  ["an id in upper case", minimal({ id: "Agencia" }), "id"],
  ["an id starting with a hyphen", minimal({ id: "-agencia" }), "id"],
  ["an id like a generated one", minimal({ id: "cl_abcdefghijklmnopqrstuv" }), "id"],
  ["an id over 64 characters", minimal({ id: "a".repeat(65) }), "id"],
  ["an unknown auth method", minimal({ authMethod: "none" }), "authMethod"],
  ["no redirect URIs", minimal({ redirectUris: [] }), "redirectUris"],
  [
    "more than 20 redirect URIs",
    minimal({ redirectUris: Array.from({ length: 21 }, (_, i) => `https://a.example/${i}`) }),
    "redirectUris",
  ],
  ["a relative redirect URI", minimal({ redirectUris: ["/callback"] }), "redirectUris.0"],
  ["plain http off loopback", minimal({ redirectUris: ["http://a.example/cb"] }), "redirectUris.0"],
  [
    "plain http on a look-alike host",
    minimal({ redirectUris: ["http://localhost.a.example/cb"] }),
    "redirectUris.0",
  ],
  ["a fragment", minimal({ redirectUris: ["https://a.example/cb#x"] }), "redirectUris.0"],
  ["credentials", minimal({ redirectUris: ["https://u:p@a.example/cb"] }), "redirectUris.0"],
  ["javascript:", minimal({ redirectUris: ["javascript:alert(1)"] }), "redirectUris.0"],
  ["a space", minimal({ redirectUris: ["https://a.example/c b"] }), "redirectUris.0"],
  [
    "a repeated redirect URI",
    minimal({ redirectUris: ["https://a.example/cb", "https://a.example/cb"] }),
    "redirectUris",
  ],
  [
    "a post-logout URI on plain http",
    minimal({ postLogoutRedirectUris: ["http://a.example/"] }),
    "postLogoutRedirectUris.0",
  ],
  [
    "a frame origin with a path",
    minimal({ frameOrigins: ["https://a.example/"] }),
    "frameOrigins.0",
  ],
  [
    "a frame origin on plain http",
    minimal({ frameOrigins: ["http://a.example"] }),
    "frameOrigins.0",
  ],
  [
    "a frame origin in upper case",
    minimal({ frameOrigins: ["https://A.example"] }),
    "frameOrigins.0",
  ],
  ["no login methods", minimal({ allowedMethods: [] }), "allowedMethods"],
  ["an unknown login method", minimal({ allowedMethods: ["sms"] }), "allowedMethods.0"],
  ["an unknown level", minimal({ minAcr: "medium" }), "minAcr"],
  ["an unknown subject type", minimal({ subjectType: "secret" }), "subjectType"],
  ["a sector that is not a host", minimal({ sectorIdentifier: "Not a host" }), "sectorIdentifier"],
  ["scopes without openid", minimal({ scopes: ["profile"] }), "scopes"],
  ["an unknown scope", minimal({ scopes: ["openid", "admin"] }), "scopes.1"],
  ["a symmetric ID token algorithm", minimal({ idTokenAlg: "HS256" }), "idTokenAlg"],
  ["alg none", minimal({ idTokenAlg: "none" }), "idTokenAlg"],
  ["an ID token TTL under 60", minimal({ idTokenTtl: 59 }), "idTokenTtl"],
  ["an access token TTL over 3600", minimal({ accessTokenTtl: 3601 }), "accessTokenTtl"],
  ["a fractional TTL", minimal({ idTokenTtl: 60.5 }), "idTokenTtl"],
  ["a TTL as a string", minimal({ idTokenTtl: "300" }), "idTokenTtl"],
  ["a refresh TTL under 300", minimal({ refreshTokenTtl: 299 }), "refreshTokenTtl"],
  ["a refresh TTL over 30 days", minimal({ refreshTokenTtl: 2_592_001 }), "refreshTokenTtl"],
  [
    "a private key in jwks",
    minimal({ jwks: { keys: [{ ...SAMPLE_JWK, d: "private" }] } }),
    "jwks.keys.0.d",
  ],
  [
    "a symmetric key in jwks",
    minimal({ jwks: { keys: [{ kty: "oct", k: "c2VjcmV0" }] } }),
    "jwks.keys.0.kty",
  ],
  ["an empty key set", minimal({ jwks: { keys: [] } }), "jwks.keys"],
  ["a jwksUri on plain http", minimal({ jwksUri: "http://a.example/jwks" }), "jwksUri"],
  ["private_key_jwt without keys", minimal({ authMethod: "private_key_jwt" }), "jwks"],
  [
    "both jwks and jwksUri",
    minimal({ jwks: { keys: [SAMPLE_JWK] }, jwksUri: "https://a.example/jwks" }),
    "jwksUri",
  ],
  [
    "a back-channel logout URI on plain http",
    minimal({ backchannelLogoutUri: "http://a.example/logout" }),
    "backchannelLogoutUri",
  ],
  ["a secret digest", minimal({ secretHash: "chosen" }), ""],
  ["a status", minimal({ status: "active" }), ""],
  ["a body that is not an object", [minimal()] as unknown as Record<string, unknown>, ""],
];

describe("client metadata rules", () => {
  it.each(INVALID)("refuses %s with 400 invalid_client_metadata", async (_, body, path) => {
    const problem = await expectProblem(
      await admin("POST", "/admin/clients", body),
      400,
      "invalid_client_metadata",
    );
    expect(problem.errors?.map((e) => e.path)).toContain(path);
  });

  it("accepts plain http on every loopback host", async () => {
    const { client } = await create(
      minimal({
        redirectUris: ["http://localhost:1/cb", "http://127.0.0.1:2/cb", "http://[::1]:3/cb"],
        sectorIdentifier: "localhost",
      }),
    );
    expect(client.redirectUris).toHaveLength(3);
  });

  it("bodies must be JSON, small, and well formed", async () => {
    await expectProblem(
      await admin("POST", "/admin/clients", JSON.stringify(minimal()), {
        "content-type": "text/plain",
      }),
      415,
      "unsupported_media_type",
    );
    await expectProblem(
      await admin("POST", "/admin/clients", minimal({ name: "x".repeat(20_000) })),
      413,
      "payload_too_large",
    );
    await expectProblem(await admin("POST", "/admin/clients", "{"), 400, "invalid_request");
  });
});

describe("reading and listing", () => {
  it("an unknown or malformed id is 404 client_not_found", async () => {
    for (const id of [
      "no-such-agency",
      "cl_AAAAAAAAAAAAAAAAAAAAAA",
      "..%2Fx",
      "A",
      "x".repeat(200),
    ]) {
      await expectProblem(await admin("GET", `/admin/clients/${id}`), 404, "client_not_found");
    }
  });

  it("lists a page at a time, in id order", async () => {
    const prefix = slug("page");
    for (const letter of ["c", "a", "b"]) await create(minimal({ id: `${prefix}-${letter}` }));
    const first = await admin("GET", `/admin/clients?limit=2&after=${prefix}-`);
    expect(first.status).toBe(200);
    const page = (await first.json()) as { clients: Saved["client"][]; next: string | null };
    expect(page.clients.map((c) => c.id)).toEqual([`${prefix}-a`, `${prefix}-b`]);
    expect(page.next).toBe(`${prefix}-b`);
    expect(JSON.stringify(page)).not.toMatch(/secretHash/i);
    const second = (await (
      await admin("GET", `/admin/clients?limit=2&after=${page.next}`)
    ).json()) as typeof page;
    expect(second.clients[0]?.id).toBe(`${prefix}-c`);

    const all = (await (await admin("GET", "/admin/clients")).json()) as typeof page;
    expect(all.clients.length).toBeLessThanOrEqual(50);
    expect(await (await admin("GET", "/admin/clients?after=~")).json()).toEqual({
      clients: [],
      next: null,
    });
  });

  it.each(["limit=0", "limit=101", "limit=ten", "limit=1.5", `after=${"x".repeat(129)}`, "x=1"])(
    "refuses the query %s with 400 invalid_request",
    async (query) => {
      await expectProblem(await admin("GET", `/admin/clients?${query}`), 400, "invalid_request");
    },
  );
});

describe("changing a client", () => {
  it("changes what the patch names and keeps the rest", async () => {
    const { client } = await create();
    h.clock.advance(1000);
    const response = await admin("PATCH", `/admin/clients/${client.id}`, {
      name: "Agencia Renombrada",
      redirectUris: ["https://nueva.agencia.example/cb"],
      scopes: ["openid", "email"],
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const saved = (await response.json()) as Saved;
    expect(saved).toEqual({
      client: {
        ...client,
        name: "Agencia Renombrada",
        redirectUris: ["https://nueva.agencia.example/cb"],
        scopes: ["openid", "email"],
        updatedAt: h.clock.now(),
      },
    });
    // The sector stays: pairwise subjects do not change when redirect URIs move.
    expect(saved.client.sectorIdentifier).toBe("sede.agencia.example");
    expect((await eventsOf(client.id)).at(-1)).toMatchObject({
      event: "client.updated",
      detail: { fields: "name,redirectUris,scopes" },
    });
  });

  it("disables and enables a client, each with its audit event", async () => {
    const { client } = await create();
    const disabled = (await (
      await admin("PATCH", `/admin/clients/${client.id}`, { status: "disabled" })
    ).json()) as Saved;
    expect(disabled.client.status).toBe("disabled");
    const enabled = (await (
      await admin("PATCH", `/admin/clients/${client.id}`, { status: "active" })
    ).json()) as Saved;
    expect(enabled.client.status).toBe("active");
    expect((await eventsOf(client.id)).map((e) => e.event)).toEqual([
      "client.created",
      "client.disabled",
      "client.updated",
    ]);
  });

  it("clears an optional member with null and refuses the same rules as creation", async () => {
    const { client } = await create(
      minimal({ backchannelLogoutUri: "https://sede.agencia.example/logout" }),
    );
    const path = `/admin/clients/${client.id}`;
    const cleared = (await (
      await admin("PATCH", path, { backchannelLogoutUri: null })
    ).json()) as Saved;
    expect(cleared.client.backchannelLogoutUri).toBeNull();
    for (const [body, at] of [
      [{ redirectUris: ["http://a.example/cb"] }, "redirectUris.0"],
      [{ name: "" }, "name"],
      [{ status: "deleted" }, "status"],
      [{ id: "other-id" }, ""],
      [{ secretHash: "x" }, ""],
      [{ authMethod: "private_key_jwt" }, "jwks"],
      [{ scopes: ["email"] }, "scopes"],
      [{ redirectUris: null }, "redirectUris"],
    ] as const) {
      const problem = await expectProblem(
        await admin("PATCH", path, body),
        400,
        "invalid_client_metadata",
      );
      expect(problem.errors?.map((e) => e.path)).toContain(at);
    }
    expect((await (await admin("GET", path)).json()) as unknown).toEqual(cleared.client);
  });

  it("an empty patch changes nothing", async () => {
    const { client } = await create();
    h.clock.advance(1000);
    expect(await (await admin("PATCH", `/admin/clients/${client.id}`, {})).json()).toEqual({
      client,
    });
  });

  it("an unknown client is 404", async () => {
    await expectProblem(
      await admin("PATCH", `/admin/clients/${slug()}`, { name: "x" }),
      404,
      "client_not_found",
    );
  });

  it("moving to private_key_jwt drops the secret; moving back issues a new one", async () => {
    const { client, clientSecret } = await create();
    const path = `/admin/clients/${client.id}`;
    const toKeys = (await (
      await admin("PATCH", path, {
        authMethod: "private_key_jwt",
        jwksUri: "https://sede.agencia.example/jwks",
      })
    ).json()) as Saved;
    expect(toKeys.clientSecret).toBeUndefined();
    expect(await h.deps.clients.find(client.id)).toMatchObject({
      secretHash: null,
      previousSecretHash: null,
    });

    const back = await admin("PATCH", path, { authMethod: "client_secret_post", jwksUri: null });
    expect(back.status).toBe(200);
    const saved = (await back.json()) as Saved;
    expect(saved.client.authMethod).toBe("client_secret_post");
    expect(saved.clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(saved.clientSecret).not.toBe(clientSecret);
    const stored = await h.deps.clients.find(client.id);
    expect(stored?.secretHash).toBe(await clientSecretHash(saved.clientSecret ?? ""));
    expect(stored?.previousSecretHash).toBeNull();
  });

  it("moving between the two secret methods keeps the secret", async () => {
    const { client, clientSecret } = await create();
    const saved = (await (
      await admin("PATCH", `/admin/clients/${client.id}`, { authMethod: "client_secret_post" })
    ).json()) as Saved;
    expect(saved.clientSecret).toBeUndefined();
    const stored = await h.deps.clients.find(client.id);
    expect(await clientSecretMatches(clientSecret ?? "", [stored?.secretHash ?? null])).toBe(true);
  });
});

describe("rotating a secret", () => {
  it("issues a new secret and keeps the old one for a day by default", async () => {
    const { client, clientSecret: old } = await create();
    const response = await admin("POST", `/admin/clients/${client.id}/secret`, {});
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const rotated = (await response.json()) as {
      clientSecret: string;
      previousSecretExpiresAt: number;
    };
    expect(rotated.clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(rotated.previousSecretExpiresAt).toBe(h.clock.now() + 86_400_000);
    const stored = await h.deps.clients.find(client.id);
    expect(stored?.secretHash).toBe(await clientSecretHash(rotated.clientSecret));
    expect(stored?.previousSecretHash).toBe(await clientSecretHash(old ?? ""));
    const view = (await (await admin("GET", `/admin/clients/${client.id}`)).json()) as Record<
      string,
      unknown
    >;
    expect(view.previousSecretExpiresAt).toBe(rotated.previousSecretExpiresAt);
    const events = await eventsOf(client.id);
    expect(events.at(-1)).toMatchObject({ event: "client.secret_rotated", actor: "operator" });
    expect(JSON.stringify(events)).not.toContain(rotated.clientSecret);
  });

  it("with graceSeconds 0 the old secret stops working at once", async () => {
    const { client } = await create();
    const rotated = (await (
      await admin("POST", `/admin/clients/${client.id}/secret`, { graceSeconds: 0 })
    ).json()) as { previousSecretExpiresAt: number };
    expect(rotated.previousSecretExpiresAt).toBe(h.clock.now());
  });

  it.each([{ graceSeconds: -1 }, { graceSeconds: 2_592_001 }, { graceSeconds: "1" }, { x: 1 }])(
    "refuses %j with 400 invalid_request",
    async (body) => {
      const { client } = await create();
      await expectProblem(
        await admin("POST", `/admin/clients/${client.id}/secret`, body),
        400,
        "invalid_request",
      );
    },
  );

  it("refuses a private_key_jwt client with 409, and an unknown one with 404", async () => {
    const { client } = await create(
      minimal({ authMethod: "private_key_jwt", jwks: { keys: [SAMPLE_JWK] } }),
    );
    await expectProblem(
      await admin("POST", `/admin/clients/${client.id}/secret`, {}),
      409,
      "no_client_secret",
    );
    await expectProblem(
      await admin("POST", `/admin/clients/${slug()}/secret`, {}),
      404,
      "client_not_found",
    );
  });
});

describe("hostile input", () => {
  const oddString = fc.oneof(
    fc.string(),
    fc.string({ unit: "binary", maxLength: 80 }),
    fc.constantFrom(
      "\u0000",
      "\u202E",
      "javascript:alert(1)",
      "data:text/html,<script>",
      "https://a.example/cb#x",
      "http://evil.example/cb",
      "https://user:pw@a.example/",
      "https://[::1/",
      "http://[::1]:99999/",
      "' OR 1=1 --",
      "😀".repeat(40),
    ),
  );
  const member = fc.oneof(oddString, fc.array(oddString, { maxLength: 25 }), fc.jsonValue());
  const body = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.record(
      {
        id: oddString,
        name: oddString,
        authMethod: fc.oneof(
          oddString,
          fc.constantFrom("client_secret_basic", "client_secret_post", "private_key_jwt"),
        ),
        redirectUris: member,
        postLogoutRedirectUris: member,
        frameOrigins: member,
        allowedMethods: member,
        scopes: member,
        sectorIdentifier: oddString,
        idTokenTtl: fc.oneof(fc.integer(), fc.double(), oddString),
        jwks: fc.oneof(member, fc.record({ keys: fc.array(fc.jsonValue(), { maxLength: 3 }) })),
        jwksUri: oddString,
        status: oddString,
      },
      { requiredKeys: [] },
    ),
  );

  async function expectRefusal(response: Response) {
    expect(response.status, await response.clone().text()).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    const problem = (await response.json()) as Record<string, unknown>;
    expect(problem.type).toMatch(/^urn:llave:problem:[a-z_]+$/);
    expect(JSON.stringify(problem)).not.toMatch(/\bat .*\.(ts|js):\d+/);
  }

  it("POST /admin/clients: a body that is not valid client metadata is a 4xx problem", async () => {
    await fc.assert(
      fc.asyncProperty(body, async (generated) => {
        const response = await admin("POST", "/admin/clients", generated);
        if (response.status === 201) return; // a generated body that happens to be valid
        await expectRefusal(response);
      }),
      { numRuns: 150 },
    );
  });

  it("PATCH /admin/clients/{id}: the same, and a refused patch changes nothing", async () => {
    const { client } = await create();
    const path = `/admin/clients/${client.id}`;
    await fc.assert(
      fc.asyncProperty(body, async (generated) => {
        const before = await h.deps.clients.find(client.id);
        const response = await admin("PATCH", path, generated);
        if (response.status === 200) return;
        await expectRefusal(response);
        expect(await h.deps.clients.find(client.id)).toEqual(before);
      }),
      { numRuns: 150 },
    );
  });

  it("raw bytes under any media type are 4xx problems", async () => {
    const { client } = await create();
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: "binary", maxLength: 200 }),
        fc.constantFrom("application/json", "text/plain", "application/x-www-form-urlencoded", ""),
        fc.constantFrom(
          ["POST", "/admin/clients"],
          ["PATCH", `/admin/clients/${client.id}`],
          ["POST", `/admin/clients/${client.id}/secret`],
        ),
        async (raw, type, [method, path]) => {
          const response = await admin(method, path, raw, type ? { "content-type": type } : {});
          if (response.status < 300) return; // e.g. "{}" as a patch
          await expectRefusal(response);
        },
      ),
      { numRuns: 100 },
    );
  });
});
