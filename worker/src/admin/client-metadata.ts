/**
 * Rules that span several fields of a client, checked on the client as it will be saved: after
 * the defaults for a new one, after merging the patch for an update. (Rules on one field live
 * in the schemas, admin-schemas.ts.)
 *
 *  - private_key_jwt needs the client's keys, inline (`jwks`) or by reference (`jwksUri`);
 *    no client may have both (OIDC Dynamic Client Registration 2).
 *  - Pairwise subjects are computed per sector (OIDC Core 8.1): by default the one host of the
 *    redirect URIs. Redirect URIs on several hosts need an explicit `sectorIdentifier`, or the
 *    sector would depend on which URI happened to be first.
 *  - The addresses Llave's servers call (`jwksUri`, `backchannelLogoutUri`) name public hosts,
 *    except in dev mode, where the demo agency runs on localhost (client-uris.ts).
 */
import type { Client, NewClient, SubjectType } from "../storage/client-store.ts";
import { serverUrlProblem } from "./client-uris.ts";

export type MetadataIssue = { path: string; message: string };

/** The host names of `uris`, each once, in order. */
export const redirectHosts = (uris: readonly string[]): string[] => [
  ...new Set(uris.map((uri) => new URL(uri).hostname)),
];

/**
 * The sector a new client gets when the operator names none: the host of its redirect URIs;
 * null when pairwise subjects would have to pick one of several hosts. A public client, whose
 * subjects do not depend on it, gets the first host.
 *
 * @example defaultSector("pairwise", ["https://a.example/cb", "https://a.example/x"]) // "a.example"
 */
export function defaultSector(subjectType: SubjectType, redirectUris: readonly string[]) {
  const hosts = redirectHosts(redirectUris);
  if (subjectType === "pairwise" && hosts.length > 1) return null;
  return hosts[0] ?? null;
}

/** A client as it would be saved, but maybe still without a sector. */
export type ClientCandidate = Pick<
  NewClient | Client,
  "authMethod" | "jwks" | "jwksUri" | "subjectType" | "redirectUris"
> & { sectorIdentifier: string | null };

/**
 * What is wrong with `client` as a whole; empty when it may be saved.
 *
 * @example
 * clientIssues({ ...client, authMethod: "private_key_jwt", jwks: null, jwksUri: null })
 * // [{ path: "jwks", message: "private_key_jwt needs the client's jwks or jwksUri" }]
 */
export function clientIssues(client: ClientCandidate): MetadataIssue[] {
  const issues: MetadataIssue[] = [];
  const keys = (client.jwks ? 1 : 0) + (client.jwksUri ? 1 : 0);
  if (keys > 1) {
    issues.push({ path: "jwksUri", message: "Give the keys either inline (jwks) or as jwksUri" });
  } else if (client.authMethod === "private_key_jwt" && keys === 0) {
    issues.push({ path: "jwks", message: "private_key_jwt needs the client's jwks or jwksUri" });
  }
  if (client.sectorIdentifier === null) {
    const hosts = redirectHosts(client.redirectUris).join(", ");
    issues.push({
      path: "sectorIdentifier",
      message: `Redirect URIs on several hosts (${hosts}) need a sectorIdentifier for pairwise subjects`,
    });
  }
  return issues;
}

/** The members of a client that Llave's servers call. */
export type ServerAddresses = {
  jwksUri?: string | null | undefined;
  backchannelLogoutUri?: string | null | undefined;
};

/**
 * What is wrong with the server-called addresses `addresses` sets; empty when they may be
 * saved. Judged on what a request sets, not on the whole client, so that a client registered
 * before this rule can still be disabled or changed elsewhere.
 *
 * @example
 * serverAddressIssues({ backchannelLogoutUri: "https://192.168.1.5/logout" }, false)
 * // [{ path: "backchannelLogoutUri", message: "Llave calls this address … a private address …" }]
 */
export function serverAddressIssues(addresses: ServerAddresses, devMode: boolean): MetadataIssue[] {
  const issues: MetadataIssue[] = [];
  for (const path of ["jwksUri", "backchannelLogoutUri"] as const) {
    const value = addresses[path];
    const message = typeof value === "string" ? serverUrlProblem(value, devMode) : null;
    if (message) issues.push({ path, message });
  }
  return issues;
}
