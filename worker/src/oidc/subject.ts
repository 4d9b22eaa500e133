/**
 * The `sub` an agency sees (OIDC Core 8). Pairwise by default: an HMAC of the citizen id under
 * SUBJECT_SALT, per sector, so two agencies in different sectors cannot join their records on
 * it; `public` clients get the citizen id itself. The same citizen always gets the same value
 * for the same sector, which is why SUBJECT_SALT must never change.
 */
import { hmacSha256 } from "../crypto/digest.ts";
import type { Client } from "../storage/client-store.ts";

export function subjectFor(
  client: Pick<Client, "subjectType" | "sectorIdentifier">,
  citizenId: string,
  salt: string,
): Promise<string> {
  if (client.subjectType === "public") return Promise.resolve(citizenId);
  return hmacSha256(salt, `llave-sub\n${client.sectorIdentifier}\n${citizenId}`);
}
