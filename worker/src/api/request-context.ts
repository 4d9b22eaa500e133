/** Facts about the incoming request that flows record, and work left to finish after answering. */
import type { Context } from "hono";
import type { AuditContext } from "../storage/account-store.ts";
import type { AuditEvent, AuditLog } from "../storage/audit-log.ts";

/** The requester as the audit log records it: IP (from Cloudflare's edge) and user agent. */
export const requester = (
  c: Context,
  actor: AuditContext["actor"],
  loginId?: string,
): AuditContext => ({
  actor,
  loginId: loginId ?? null,
  ip: c.req.header("cf-connecting-ip") ?? null,
  userAgent: c.req.header("user-agent")?.slice(0, 512) ?? null,
});

/**
 * Runs `task` after the response is sent (delivery, audit). It is awaited by the runtime
 * through `waitUntil`, so it completes, but it cannot change the answer or its timing — which
 * is what keeps "Get PIN" from revealing whether a citizen exists.
 */
export function afterResponse(c: Context, task: () => Promise<unknown>): void {
  // Started on the next turn of the event loop, once the handler has returned its answer: not
  // even the first call of the task (an RPC, a fetch) goes out before the answer does.
  const run = new Promise((resolve) => setTimeout(resolve, 0))
    .then(task)
    .catch((error: unknown) => {
      console.error("background task failed:", error instanceof Error ? error.message : error);
    });
  try {
    c.executionCtx.waitUntil(run);
  } catch {
    // No execution context (e.g. app.request in a unit test): the promise still runs.
  }
}

/**
 * Audit events of this request, stored after the answer (`AuditLog.appendLater`): the request
 * stays alive through `waitUntil` whenever the write that stores them depends on it.
 */
export function auditAfterResponse(c: Context, audit: AuditLog, ...events: AuditEvent[]): void {
  audit.appendLater((write) => afterResponse(c, () => write), ...events);
}
