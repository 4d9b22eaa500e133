/**
 * Who may use the admin API: whoever presents `Authorization: Bearer <ADMIN_TOKEN>` (RFC 6750).
 * The token is compared in constant time. Without ADMIN_TOKEN the API does not exist: every
 * /admin path answers 404, the same as any unknown path, so a deployment that never set a
 * token does not even reveal it has one.
 */
import type { MiddlewareHandler } from "hono";
import { constantTimeEqual } from "../crypto/constant-time.ts";
import { Problem } from "../errors.ts";

const REALM = 'Bearer realm="llave-admin"';
const BEARER = /^Bearer +([\x21-\x7e]+) *$/i;

/**
 * Middleware that lets only the operator through.
 *
 * @example app.use("*", operatorAuth(config.adminToken));
 */
export function operatorAuth(adminToken: string | undefined): MiddlewareHandler {
  return async (c, next) => {
    if (adminToken === undefined) throw new Problem("not_found");
    const presented = BEARER.exec(c.req.header("authorization") ?? "")?.[1];
    if (presented === undefined) {
      throw new Problem(
        "unauthorized",
        "Send Authorization: Bearer <admin token>",
        {},
        {
          "www-authenticate": REALM,
        },
      );
    }
    if (!constantTimeEqual(presented, adminToken)) {
      throw new Problem(
        "unauthorized",
        "The admin token is not valid",
        {},
        {
          "www-authenticate": `${REALM}, error="invalid_token"`,
        },
      );
    }
    await next();
  };
}
