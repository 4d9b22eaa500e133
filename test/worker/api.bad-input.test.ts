/**
 * SECURITY.md "Bad input": the login API answers malformed, oversized or hostile input with a
 * 4xx problem+json and never a 5xx, a stack trace or a partial write. fast-check generates
 * the input.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { harness } from "./harness.ts";

const h = harness();

async function expectProblem(response: Response) {
  expect(response.status, await response.clone().text()).toBeGreaterThanOrEqual(400);
  expect(response.status).toBeLessThan(500);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  const body = (await response.json()) as Record<string, unknown>;
  expect(body.type).toMatch(/^urn:llave:problem:[a-z_]+$/);
  expect(JSON.stringify(body)).not.toMatch(/\bat .*\.(ts|js):\d+/);
}

const oddString = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 80 }),
  fc.string({ unit: "binary", maxLength: 80 }),
  fc.constantFrom(
    "\u0000",
    "\uFEFF12345678Z",
    "１２３４５６７８Ｚ",
    "12345678Z\u202E",
    "😀".repeat(40),
    "' OR 1=1 --",
  ),
);
const anyJson = fc.jsonValue({ maxDepth: 3 });

describe("the PIN endpoints under generated input", () => {
  it("Get PIN: any JSON body that is not a valid request is a 4xx problem", async () => {
    const loginId = await h.startLogin();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          anyJson,
          fc.record({
            document: oddString,
            contrast: fc.record({ value: oddString }),
            channel: fc.constantFrom("sms", "app", "fax"),
          }),
          fc.record({
            document: oddString,
            contrast: fc.record({ kind: oddString, value: oddString }),
            channel: fc.constant("sms"),
            personalCode: oddString,
          }),
        ),
        async (body) => {
          const response = await h.getPin(loginId, body);
          if (response.status === 202) return; // a generated body that happens to be valid
          await expectProblem(response);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("Verify: any body is a 4xx problem, never a success or a 5xx", async () => {
    const loginId = await h.startLogin();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(anyJson, fc.record({ pin: oddString, personalCode: oddString })),
        async (body) => {
          await expectProblem(await h.call("POST", `/api/logins/${loginId}/pin/verify`, body));
        },
      ),
      { numRuns: 150 },
    );
  });

  it("malformed JSON, wrong media types and raw bytes are 4xx problems", async () => {
    const loginId = await h.startLogin();
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: "binary", maxLength: 200 }),
        fc.constantFrom("application/json", "text/plain", "application/x-www-form-urlencoded", ""),
        async (raw, type) => {
          const response = await h.call(
            "POST",
            `/api/logins/${loginId}/pin`,
            raw,
            type ? { "content-type": type } : {},
          );
          await expectProblem(response);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("oversized bodies are refused with 413 before parsing", async () => {
    const loginId = await h.startLogin();
    const big = JSON.stringify({
      document: "x".repeat(100_000),
      contrast: { value: "x" },
      channel: "sms",
    });
    const response = await h.call("POST", `/api/logins/${loginId}/pin`, big);
    expect(response.status).toBe(413);
    await expectProblem(response);
  });

  it("login ids that cannot exist are 404 problems, and nothing is created for them", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 40 }).map(encodeURIComponent), async (id) => {
        const response = await h.call("POST", `/api/logins/${id}/pin/verify`, { pin: "123456" });
        await expectProblem(response);
      }),
      { numRuns: 100 },
    );
    const wellFormed = await h.call("GET", "/api/logins/AAAAAAAAAAAAAAAAAAAAAA");
    expect(wellFormed.status).toBe(404);
  });

  it("a rejected Get PIN writes nothing: the transaction stays as it was", async () => {
    const loginId = await h.startLogin();
    await h.getPin(loginId, {
      document: "12345678A",
      contrast: { value: "2031-01-01" },
      channel: "sms",
    });
    await h.getPin(loginId, {
      document: "12345678Z",
      contrast: { value: "2031-02-30" },
      channel: "sms",
    });
    const status = await (await h.call("GET", `/api/logins/${loginId}`)).json();
    expect(status).toMatchObject({ status: "started" });
  });

  it("unknown paths and methods are problems too", async () => {
    await expectProblem(await h.call("GET", "/nope"));
    await expectProblem(await h.call("DELETE", "/api/logins"));
  });
});
