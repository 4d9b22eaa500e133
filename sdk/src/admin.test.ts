/** The admin API client: requests as docs/api.md describes them, problems as typed errors. */
import { describe, expect, it } from "vitest";
import { createAdminClient } from "./admin.ts";
import { LlaveError } from "./errors.ts";
import type { FetchLike } from "./http.ts";

const TOKEN = "admin-token-0123456789-0123456789-abcdef";

function fakeAdmin() {
  const seen: { method: string; path: string; body: unknown; auth: string | null }[] = [];
  const ids = ["a-1", "b-2", "c-3"];
  const record = (id: string) => ({ id, name: id, status: "active" });
  const fetch: FetchLike = async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const body = request.method === "GET" ? undefined : await request.json();
    seen.push({
      method: request.method,
      path: url.pathname + url.search,
      body,
      auth: request.headers.get("authorization"),
    });
    if (url.pathname === "/admin/clients" && request.method === "GET") {
      const after = url.searchParams.get("after");
      const limit = Number(url.searchParams.get("limit") ?? 50);
      const rest = ids.filter((id) => after === null || id > after);
      const page = rest.slice(0, limit);
      return Response.json({
        clients: page.map(record),
        next: rest.length > limit ? (page.at(-1) ?? null) : null,
      });
    }
    if (url.pathname === "/admin/clients/missing") {
      return Response.json(
        {
          type: "urn:llave:problem:client_not_found",
          title: "No such client",
          status: 404,
          code: "client_not_found",
        },
        { status: 404, headers: { "content-type": "application/problem+json" } },
      );
    }
    if (request.method === "GET")
      return Response.json(record(url.pathname.split("/").at(-1) ?? ""));
    if (url.pathname.endsWith("/secret")) {
      return Response.json({ clientSecret: "new-secret", previousSecretExpiresAt: 1 });
    }
    return Response.json(
      { client: record("a-1") },
      { status: request.method === "POST" ? 201 : 200 },
    );
  };
  return { fetch, seen };
}

describe("createAdminClient", () => {
  it("sends the admin token and the documented requests", async () => {
    const { fetch, seen } = fakeAdmin();
    const admin = createAdminClient({ baseUrl: "https://llave.test/", token: TOKEN, fetch });
    await admin.createClient({ name: "Sede", redirectUris: ["https://sede.test/cb"] });
    await admin.getClient("a-1");
    await admin.updateClient("a-1", { minAcr: "substantial" });
    await admin.disableClient("a-1");
    await admin.enableClient("a-1");
    const rotated = await admin.rotateSecret("a-1", { graceSeconds: 0 });
    expect(rotated.clientSecret).toBe("new-secret");
    expect(seen.map((s) => [s.method, s.path, s.body])).toEqual([
      ["POST", "/admin/clients", { name: "Sede", redirectUris: ["https://sede.test/cb"] }],
      ["GET", "/admin/clients/a-1", undefined],
      ["PATCH", "/admin/clients/a-1", { minAcr: "substantial" }],
      ["PATCH", "/admin/clients/a-1", { status: "disabled" }],
      ["PATCH", "/admin/clients/a-1", { status: "active" }],
      ["POST", "/admin/clients/a-1/secret", { graceSeconds: 0 }],
    ]);
    expect(seen.every((s) => s.auth === `Bearer ${TOKEN}`)).toBe(true);
  });

  it("pages through every client", async () => {
    const { fetch } = fakeAdmin();
    const admin = createAdminClient({ baseUrl: "https://llave.test", token: TOKEN, fetch });
    expect(await admin.listClients({ limit: 2 })).toMatchObject({ next: "b-2" });
    const all: string[] = [];
    for await (const client of admin.allClients({ pageSize: 2 })) all.push(client.id);
    expect(all).toEqual(["a-1", "b-2", "c-3"]);
  });

  it("maps a problem+json answer to a problem error without the token", async () => {
    const { fetch } = fakeAdmin();
    const admin = createAdminClient({ baseUrl: "https://llave.test", token: TOKEN, fetch });
    const error = await admin.getClient("missing").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlaveError);
    expect(error).toMatchObject({
      code: "problem",
      type: "urn:llave:problem:client_not_found",
      status: 404,
      problemCode: "client_not_found",
      message: "No such client",
    });
    expect(String((error as Error).message) + JSON.stringify(error)).not.toContain(TOKEN);
  });
});
