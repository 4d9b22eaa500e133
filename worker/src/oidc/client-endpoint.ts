/**
 * The shape shared by the back-channel endpoints that clients call with their credentials
 * (token, introspection, revocation, CIBA's backchannel authentication): a form body, client authentication, and OAuth JSON errors with
 * the Basic challenge when Basic was tried.
 */
import type { Context } from "hono";
import type { AppDeps } from "../app.ts";
import type { Client } from "../storage/client-store.ts";
import { authenticateClient, ClientAuthError } from "./client-auth.ts";
import { readForm } from "./form.ts";
import { NO_STORE, OAuthError, oauthErrorResponse } from "./oauth-error.ts";

export function clientEndpoint(
  deps: AppDeps,
  path: string,
  handle: (c: Context, client: Client, form: URLSearchParams, now: number) => Promise<unknown>,
) {
  return async (c: Context): Promise<Response> => {
    const now = deps.clock.now();
    try {
      const form = await readForm(c);
      const client = await authenticateClient(deps, {
        authorization: c.req.header("authorization"),
        form,
        endpoint: path,
        now,
      });
      const body = await handle(c, client, form, now);
      return new Response(body === null ? null : JSON.stringify(body), {
        status: 200,
        headers: { ...(body === null ? {} : { "content-type": "application/json" }), ...NO_STORE },
      });
    } catch (error) {
      if (error instanceof ClientAuthError && error.basic) {
        return oauthErrorResponse(error, { "www-authenticate": 'Basic realm="llave"' });
      }
      if (error instanceof OAuthError) return oauthErrorResponse(error);
      throw error;
    }
  };
}
