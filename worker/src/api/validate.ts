/**
 * Request validation for our JSON APIs: zod schemas through @hono/zod-validator, with every
 * failure answered as an RFC 9457 problem that lists what is wrong, never a 5xx.
 */
import { zValidator } from "@hono/zod-validator";
import type { MiddlewareHandler } from "hono";
import type { z } from "zod";
import { Problem } from "../errors.ts";

const JSON_TYPE = /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i;

/** Refuses bodies that are not declared as JSON (415) before they are parsed. */
export const requireJson: MiddlewareHandler = async (c, next) => {
  if (!JSON_TYPE.test(c.req.header("content-type") ?? ""))
    throw new Problem("unsupported_media_type");
  await next();
};

/** Validates the JSON body against `schema`; the handler reads it with `c.req.valid("json")`. */
export const jsonBody = <S extends z.ZodType>(schema: S) =>
  zValidator("json", schema, (result) => {
    if (!result.success) {
      throw new Problem("invalid_request", "The body does not match the expected shape", {
        errors: result.error.issues.map((i) => ({
          path: i.path.map(String).join("."),
          message: i.message,
        })),
      });
    }
  });
