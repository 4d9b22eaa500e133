/**
 * Rule: the request names a registered, active client. Failing this shows an error page: there
 * is no trustworthy redirect URI to send the error to (RFC 6749 4.1.2.1).
 */
import type { Client, ClientStore } from "../../storage/client-store.ts";
import { oauth } from "../oauth-error.ts";
import type { Params } from "./params.ts";

export async function requireClient(clients: ClientStore, params: Params): Promise<Client> {
  const id = params.client_id;
  if (!id) throw oauth("invalid_request", "client_id is missing");
  const client = await clients.find(id);
  if (client?.status !== "active") {
    throw oauth("unauthorized_client", "This service is not registered with Llave");
  }
  return client;
}
