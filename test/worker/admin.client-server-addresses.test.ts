/**
 * The addresses Llave's servers call for a client — its `jwksUri` and `backchannelLogoutUri` —
 * through the admin API: outside dev mode a loopback, private, link-local or local-only host is
 * refused with 400 invalid_client_metadata naming the field and why (no server-side request
 * forgery into Llave's own network); in dev mode the demo agency on localhost still works.
 */
import { describe, expect, it } from "vitest";
import { harness, type ProblemBody } from "./harness.ts";

const production = harness({ config: (c) => ({ ...c, devMode: false }) });
const dev = harness();

const minimal = (overrides: Record<string, unknown> = {}) => ({
  name: "Agencia de Pruebas",
  redirectUris: ["https://sede.agencia.example/callback"],
  ...overrides,
});

function admin(h: typeof dev, method: string, path: string, body?: unknown) {
  const token = h.config.adminToken;
  if (!token) throw new Error("tests need ADMIN_TOKEN (scripts/lib/secrets.ts)");
  return h.call(method, path, body, { authorization: `Bearer ${token}` });
}

type Issues = ProblemBody & { errors: { path: string; message: string }[] };

async function refused(response: Response, path: string): Promise<string> {
  const text = await response.text();
  expect(response.status, text).toBe(400);
  const body = JSON.parse(text) as Issues;
  expect(body.code).toBe("invalid_client_metadata");
  const issue = body.errors.find((e) => e.path === path);
  expect(issue, text).toBeDefined();
  return issue?.message ?? "";
}

const HOSTILE = [
  "https://127.0.0.1/x",
  "https://localhost:8443/x",
  "https://10.0.0.7/x",
  "https://172.20.1.1/x",
  "https://192.168.0.10/x",
  "https://169.254.169.254/latest/meta-data/",
  "https://[::1]/x",
  "https://[::ffff:127.0.0.1]/x",
  "https://[fd00::5]/x",
  "https://[fe80::1]/x",
  "https://metadata.google.internal/x",
];

describe("outside dev mode", () => {
  it.each(HOSTILE)("refuses %s as backchannelLogoutUri and as jwksUri", async (url) => {
    for (const field of ["backchannelLogoutUri", "jwksUri"]) {
      const message = await refused(
        await admin(production, "POST", "/admin/clients", minimal({ [field]: url })),
        field,
      );
      expect(message).toMatch(/public internet host.*DEV_MODE/);
    }
  });

  it("refuses http on loopback for back-channel logout, which dev mode allows", async () => {
    const url = "http://localhost:8788/backchannel-logout";
    const message = await refused(
      await admin(production, "POST", "/admin/clients", minimal({ backchannelLogoutUri: url })),
      "backchannelLogoutUri",
    );
    expect(message).toMatch(/loopback|local machine/);
  });

  it("refuses such an address in a patch, and keeps the client as it was", async () => {
    const created = await admin(production, "POST", "/admin/clients", minimal());
    const { client } = (await created.json()) as { client: { id: string } };
    const path = `/admin/clients/${client.id}`;
    await refused(
      await admin(production, "PATCH", path, { backchannelLogoutUri: "https://10.1.1.1/logout" }),
      "backchannelLogoutUri",
    );
    const now = (await (await admin(production, "GET", path)).json()) as Record<string, unknown>;
    expect(now.backchannelLogoutUri).toBeNull();
  });

  it("accepts public hosts", async () => {
    const response = await admin(
      production,
      "POST",
      "/admin/clients",
      minimal({
        backchannelLogoutUri: "https://sede.agencia.example/logout",
        jwksUri: "https://sede.agencia.example/jwks.json",
      }),
    );
    expect(response.status, await response.clone().text()).toBe(201);
  });
});

describe("in dev mode", () => {
  it("accepts loopback and private hosts, for the demo agency on this machine", async () => {
    const response = await admin(
      dev,
      "POST",
      "/admin/clients",
      minimal({
        backchannelLogoutUri: "http://localhost:8788/backchannel-logout",
        jwksUri: "https://192.168.1.20/jwks.json",
      }),
    );
    expect(response.status, await response.clone().text()).toBe(201);
  });
});
