/**
 * Request validation for our JSON APIs: zod schemas through @hono/zod-validator, with every
 * failure answered as an RFC 9457 problem that lists what is wrong, never a 5xx.
 */
import { zValidator } from "@hono/zod-validator";
import type { MiddlewareHandler } from "hono";
import type { z } from "zod";
import { Problem, type ProblemCode } from "../errors.ts";

const JSON_TYPE = /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i;

/** Refuses bodies that are not declared as JSON (415) before they are parsed. */
export const requireJson: MiddlewareHandler = async (c, next) => {
  if (!JSON_TYPE.test(c.req.header("content-type") ?? ""))
    throw new Problem("unsupported_media_type");
  await next();
};

type Outcome = { success: boolean; error?: { issues: readonly z.core.$ZodIssue[] } | undefined };

/** The validators' failure hook: every issue listed in the problem, with its path. */
const failed = (code: ProblemCode, detail: string) => (result: Outcome) => {
  if (!result.success) {
    throw new Problem(code, detail, {
      errors: (result.error?.issues ?? []).map((i) => ({
        path: i.path.map(String).join("."),
        message: i.message,
      })),
    });
  }
};

/**
 * Validates the JSON body against `schema`; the handler reads it with `c.req.valid("json")`.
 * A failure is `invalid_request` unless the endpoint names a more precise `code`.
 */
export const jsonBody = <S extends z.ZodType>(schema: S, code: ProblemCode = "invalid_request") =>
  zValidator("json", schema, failed(code, "The body does not match the expected shape"));

/** Validates the query string against `schema`; read it with `c.req.valid("query")`. */
export const queryParams = <S extends z.ZodType>(schema: S) =>
  zValidator("query", schema, failed("invalid_request", "The query parameters are not valid"));
