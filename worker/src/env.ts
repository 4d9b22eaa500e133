/**
 * The bindings the worker is deployed with (wrangler.toml), as one type. Only config.ts reads
 * the string vars; the composition in index.ts turns the bindings into ports.
 */
import type { CitizenObject } from "./objects/citizen-object.ts";
import type { LimiterObject } from "./objects/limiter-object.ts";
import type { LoginObject } from "./objects/login-object.ts";
import type { ServiceBinding } from "./service-binding.ts";

export interface Env {
  CITIZENS: DurableObjectNamespace<CitizenObject>;
  LOGINS: DurableObjectNamespace<LoginObject>;
  LIMITS: DurableObjectNamespace<LimiterObject>;
  /** Local and tests only: the embedded libSQL database served from Node (scripts/lib). */
  LIBSQL_BRIDGE?: ServiceBinding;
  /** Local and tests only: the dev outbox that captures SMS, e-mail and app messages. */
  DEV_OUTBOX?: ServiceBinding;
}
