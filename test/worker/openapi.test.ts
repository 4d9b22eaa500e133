/** The OpenAPI document is generated from the zod schemas and every reference resolves. */
import { describe, expect, it } from "vitest";
import { harness } from "./harness.ts";

describe("API description", () => {
  it("serves OpenAPI 3.1 whose $refs all resolve, and a readable page", async () => {
    const h = harness();
    const doc = (await (await h.call("GET", "/openapi.json")).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual([
      "/api/logins",
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
