/**
 * Form bodies of the back-channel endpoints (token, introspection, revocation, and POST
 * userinfo): `application/x-www-form-urlencoded` only, each parameter at most once.
 */
import type { Context } from "hono";
import { oauth } from "./oauth-error.ts";

const FORM = /^application\/x-www-form-urlencoded\s*(;|$)/i;

/** The body as text (decoded here: workerd warns when a form is read with `.text()`). */
export const bodyText = async (c: Context): Promise<string> =>
  new TextDecoder().decode(await c.req.arrayBuffer());

export async function readForm(c: Context): Promise<URLSearchParams> {
  if (!FORM.test(c.req.header("content-type") ?? "")) {
    throw oauth("invalid_request", "The body must be application/x-www-form-urlencoded");
  }
  const form = new URLSearchParams(await bodyText(c));
  const seen = new Set<string>();
  for (const name of form.keys()) {
    if (seen.has(name)) throw oauth("invalid_request", `${name} is given more than once`);
    seen.add(name);
  }
  return form;
}
