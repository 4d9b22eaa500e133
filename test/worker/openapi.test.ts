/**
 * The OpenAPI document describes every route the app serves — the OpenID Connect endpoints
 * with their form bodies, client authentication and OAuth errors included — its references all
 * resolve, and /docs renders it readably (tables, not raw JSON Schema).
 */
import { describe, expect, it } from "vitest";
import { harness } from "./harness.ts";

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
};

/**
 * Routes that are not part of the described surface: static assets, the citizen app's shell
 * (a PWA served as files), the description itself, and the dev outbox (DEV_MODE only).
 */
const NOT_DESCRIBED = new Set([
  "GET /",
  "GET /llave-login.js",
  "GET /assets/{}",
  "GET /app",
  "GET /app/",
  "GET /app/sw.js",
  "GET /app/manifest.webmanifest",
  "GET /app/icon.svg",
  "GET /app/icon-maskable.svg",
  "GET /app/assets/{}",
  "GET /openapi.json",
  "GET /docs",
  "GET /dev/outbox",
]);

/** `/admin/clients/:id` and `/admin/clients/{clientId}` alike: parameters unnamed. */
const shape = (path: string) => path.replace(/:[A-Za-z]+|\{[A-Za-z]+\}/g, "{}");

describe("API description", () => {
  it("serves OpenAPI 3.1 whose $refs all resolve, and a readable page", async () => {
    const h = harness();
    const doc = (await (await h.call("GET", "/openapi.json")).json()) as Doc;
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual([
      "/.well-known/openid-configuration",
      "/.well-known/oauth-authorization-server",
      "/jwks",
      "/authorize",
      "/logout",
      "/token",
      "/backchannel-authentication",
      "/token/introspect",
      "/token/revoke",
      "/userinfo",
      "/devices/cancel/{token}",
      "/login/{loginId}",
      "/login/{loginId}/continue",
      "/login/{loginId}/cancel",
      "/account/login",
      "/account",
      "/account/password",
      "/account/cancel",
      "/account/code",
      "/api/account",
      "/api/account/password",
      "/api/account/activation-code",
      "/api/logins/{loginId}",
      "/api/logins/{loginId}/pin",
      "/api/logins/{loginId}/pin/verify",
      "/api/logins/{loginId}/password",
      "/api/logins/{loginId}/password/change",
      "/api/logins/{loginId}/otp",
      "/api/logins/{loginId}/otp/verify",
      "/api/logins/{loginId}/otp/app",
      "/api/logins/{loginId}/activation",
      "/api/logins/{loginId}/activation/password",
      "/api/logins/{loginId}/mobile/qr",
      "/api/logins/{loginId}/mobile/push",
      "/api/logins/{loginId}/mobile",
      "/api/app/activation",
      "/api/app/devices",
      "/api/app/me",
      "/api/app/inbox",
      "/api/app/socket-ticket",
      "/api/app/socket",
      "/api/app/qr",
      "/api/app/approvals/{id}",
      "/api/app/devices/{id}",
      "/admin/citizens/{citizenId}/activation-codes",
      "/admin/citizens/{citizenId}/suspend",
      "/admin/citizens/{citizenId}/reinstate",
      "/admin/unlocks",
      "/admin/clients",
      "/admin/clients/{clientId}",
      "/admin/clients/{clientId}/secret",
    ]);
    const refs = JSON.stringify(doc).match(/#\/components\/schemas\/[A-Za-z]+/g) ?? [];
    expect(refs.length).toBeGreaterThan(5);
    for (const ref of refs)
      expect(doc.components.schemas[ref.split("/").pop() ?? ""], ref).toBeDefined();
    expect(doc.components.schemas.GetPinRequest).toMatchObject({
      type: "object",
      required: expect.arrayContaining(["document", "contrast", "channel"]),
      additionalProperties: false,
    });
    // A request body is described as it may be sent: members with a default are optional.
    expect(doc.components.schemas.NewClientRequest).toMatchObject({
      required: ["name", "redirectUris"],
      additionalProperties: false,
    });
    expect(doc.components.securitySchemes.adminToken).toEqual({
      type: "http",
      scheme: "bearer",
      description: expect.any(String),
    });
    expect(JSON.stringify(doc.components.schemas.Client)).not.toMatch(/secretHash/i);
    const page = await h.call("GET", "/docs");
    const text = await page.text();
    expect(text).toContain("Get PIN");
    expect(text).toContain("Register an agency&#39;s client");
    expect(text).toContain("Show a QR for the citizen app");
    expect(page.headers.get("content-security-policy")).toBe("frame-ancestors 'none'");
  });

  it("describes every route the app serves, and nothing it does not serve", async () => {
    const h = harness();
    const doc = (await (await h.call("GET", "/openapi.json")).json()) as Doc;
    const served = new Set(
      h.app.routes
        .filter((r) => r.method !== "ALL")
        .map((r) => `${r.method} ${shape(r.path)}`)
        .filter((route) => !NOT_DESCRIBED.has(route)),
    );
    const described = new Set(
      Object.entries(doc.paths).flatMap(([path, operations]) =>
        Object.keys(operations).map((method) => `${method.toUpperCase()} ${shape(path)}`),
      ),
    );
    expect(
      [...served].filter((r) => !described.has(r)),
      "served, not described",
    ).toEqual([]);
    expect(
      [...described].filter((r) => !served.has(r)),
      "described, not served",
    ).toEqual([]);
    // Every endpoint discovery advertises is among them.
    const metadata = (await (
      await h.call("GET", "/.well-known/openid-configuration")
    ).json()) as Record<string, unknown>;
    const endpoints = Object.entries(metadata)
      .filter(([key]) => key.endsWith("_endpoint") || key === "jwks_uri")
      .map(([, url]) => new URL(String(url)).pathname);
    expect(endpoints.length).toBeGreaterThanOrEqual(8);
    for (const path of endpoints) expect(doc.paths, path).toHaveProperty([path]);
  });

  it("describes the protocol endpoints: forms per grant, client authentication, OAuth errors", async () => {
    const doc = (await (await harness().call("GET", "/openapi.json")).json()) as Doc;
    const { schemas, securitySchemes } = doc.components;
    const token = doc.paths["/token"]?.post as {
      security: unknown;
      requestBody: { content: Record<string, { schema: { $ref: string } }> };
      responses: Record<string, { content?: Record<string, { schema: { $ref: string } }> }>;
    };
    expect(token.requestBody.content["application/x-www-form-urlencoded"]?.schema.$ref).toBe(
      "#/components/schemas/TokenRequest",
    );
    expect(schemas.TokenRequest).toMatchObject({
      oneOf: [
        { $ref: "#/components/schemas/AuthorizationCodeGrant" },
        { $ref: "#/components/schemas/RefreshTokenGrant" },
        { $ref: "#/components/schemas/CibaGrant" },
      ],
    });
    expect(schemas.AuthorizationCodeGrant).toMatchObject({
      required: expect.arrayContaining(["grant_type", "code", "redirect_uri", "code_verifier"]),
      properties: { client_assertion: expect.any(Object), client_secret: expect.any(Object) },
    });
    expect(token.security).toEqual([{ clientSecretBasic: [] }, {}]);
    expect(securitySchemes.clientSecretBasic).toMatchObject({ type: "http", scheme: "basic" });
    for (const status of ["400", "401"]) {
      expect(token.responses[status]?.content?.["application/json"]?.schema.$ref).toBe(
        "#/components/schemas/OAuthError",
      );
    }
    expect(schemas.OAuthError).toMatchObject({
      required: ["error", "error_description"],
      properties: { error: { enum: expect.arrayContaining(["invalid_client", "invalid_grant"]) } },
    });
    // Every endpoint that authenticates clients says so, and answers 401 invalid_client.
    for (const path of [
      "/token",
      "/token/introspect",
      "/token/revoke",
      "/backchannel-authentication",
    ]) {
      const op = doc.paths[path]?.post as { security: unknown; responses: Record<string, unknown> };
      expect(op.security, path).toEqual([{ clientSecretBasic: [] }, {}]);
      expect(op.responses, path).toHaveProperty("401");
    }
    const authorize = doc.paths["/authorize"] as Record<
      string,
      { parameters?: { name: string; required?: boolean }[]; requestBody?: object }
    >;
    const required = authorize.get?.parameters?.filter((p) => p.required).map((p) => p.name);
    expect(required).toEqual(
      expect.arrayContaining(["client_id", "code_challenge", "redirect_uri"]),
    );
    expect(authorize.post?.requestBody).toMatchObject({
      content: { "application/x-www-form-urlencoded": { schema: { type: "object" } } },
    });
    expect(doc.paths["/userinfo"]?.get).toMatchObject({ security: [{ accessToken: [] }] });
  });

  it("renders schemas on /docs as tables, nested members as tables inside their row", async () => {
    const text = await (await harness().call("GET", "/docs")).text();
    expect(text).not.toContain("<pre>");
    expect(text).not.toMatch(/&quot;type&quot;:|"type":/);
    for (const summary of [
      "Token endpoint",
      "Userinfo",
      "CIBA",
      "RP-initiated logout",
      "Discovery",
    ]) {
      expect(text).toContain(summary);
    }
    const section = (id: string) => {
      const start = text.indexOf(`id="schema-${id}"`);
      expect(start, id).toBeGreaterThan(0);
      return text.slice(start, text.indexOf("</section>", start));
    };
    expect(section("TokenResponse")).toMatch(
      /<code>access_token<\/code> <span class="req">required/,
    );
    // Problem.errors is an array of objects: its members are a table within the errors row.
    const problem = section("Problem");
    const errorsRow = problem.slice(problem.indexOf("<code>errors</code>"));
    expect(errorsRow).toMatch(
      /^[\s\S]*?<table>[\s\S]*<code>path<\/code>[\s\S]*<code>message<\/code>/,
    );
    // A grant is one of three forms, each its own table.
    expect(section("TokenRequest")).toContain('href="#schema-CibaGrant"');
    expect(text).toContain('id="security-clientSecretBasic"');
  });

  it("describes the mobile method and the citizen app's proved API", async () => {
    const doc = (await (await harness().call("GET", "/openapi.json")).json()) as {
      paths: Record<string, Record<string, { security?: unknown; responses: object }>>;
      components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
    };
    const { schemas } = doc.components;
    // One answer per decision, and only an approval carries the number.
    expect(schemas.AnswerRequest).toMatchObject({
      oneOf: [
        { properties: { decision: { const: "approve" } }, required: ["decision", "number"] },
        { properties: { decision: { const: "decline" } }, required: ["decision"] },
        { properties: { decision: { const: "not_me" } }, required: ["decision"] },
      ],
    });
    expect(schemas.RegisterDeviceRequest).toMatchObject({
      required: expect.arrayContaining(["activationId", "code", "name", "document", "contrast"]),
      additionalProperties: false,
    });
    expect(schemas.MobileStatus).toMatchObject({
      required: expect.arrayContaining(["mode", "status", "version", "number", "frame"]),
    });
    expect(schemas.InboxItem).toMatchObject({
      oneOf: [
        { properties: { kind: { const: "pin" } } },
        { properties: { kind: { const: "approval" } } },
      ],
    });
    expect(doc.components.securitySchemes.dpop).toEqual({
      type: "apiKey",
      in: "header",
      name: "DPoP",
      description: expect.stringContaining("bh"),
    });
    // Every app request is proved but the activation and the socket (which has a ticket).
    const app = Object.entries(doc.paths).filter(([path]) => path.startsWith("/api/app/"));
    for (const [path, operations] of app) {
      for (const [method, op] of Object.entries(operations)) {
        const open = path === "/api/app/activation" || path === "/api/app/socket";
        expect(op.security, `${method} ${path}`).toEqual(open ? [] : [{ dpop: [] }]);
        if (!open) expect(op.responses, `${method} ${path}`).toHaveProperty("401");
      }
    }
    expect(doc.paths["/api/app/socket"]?.get?.responses).toHaveProperty("101");
  });
});
