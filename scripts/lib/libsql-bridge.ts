/**
 * The Node end of the LIBSQL_BRIDGE service binding: the local stack, the tests and the
 * benchmark keep the accounts database in an embedded libSQL file opened here with
 * `@libsql/client`, and the worker in workerd reaches it through this handler. Queries run
 * through the same `libsqlTransport` as production; a batch is one write transaction.
 */
import type { Client } from "@libsql/client";
import { Response } from "miniflare";
import {
  type BridgeRequest,
  type BridgeResponse,
  libsqlTransport,
  SqlError,
} from "../../worker/src/storage/libsql/transport.ts";

export function libsqlBridge(client: Client): (request: Request) => Promise<Response> {
  const transport = libsqlTransport(client as never);
  return async (request) => {
    let reply: BridgeResponse;
    try {
      const body = (await request.json()) as BridgeRequest;
      const results = body.batch
        ? await transport.batch(body.queries)
        : [
            await transport.query(
              body.queries[0] ?? { sql: "select 1", params: [], method: "run" },
            ),
          ];
      reply = { ok: true, results };
    } catch (error) {
      const e = error instanceof SqlError ? error : new SqlError(String(error), "BRIDGE_ERROR");
      reply = { ok: false, error: { message: e.message, code: e.code } };
    }
    return new Response(JSON.stringify(reply), { headers: { "content-type": "application/json" } });
  };
}
