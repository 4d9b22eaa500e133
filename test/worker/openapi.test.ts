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
      "/api/logins/{loginId}/activation",
      "/api/logins/{loginId}/activation/password",
      "/admin/citizens/{citizenId}/activation-codes",
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
    expect(page.headers.get("content-security-policy")).toBe("frame-ancestors 'none'");
  });
});
