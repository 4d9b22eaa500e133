/**
 * Back-channel logout (OpenID Connect Back-Channel Logout 1.0): when a session ends, every
 * client that received an ID token in it and registered a `backchannel_logout_uri` gets a
 * signed logout token (`typ: logout+jwt`, the `sid` and the client's `sub`) by POST. Runs after
 * the citizen's answer; a client that is down does not keep the citizen waiting.
 */
import type { AppDeps } from "../app.ts";
import { randomToken } from "../crypto/random.ts";
import type { SessionView } from "../objects/citizen-object.ts";
import { subjectFor } from "./subject.ts";

const EVENT = "http://schemas.openid.net/event/backchannel-logout";
const TIMEOUT_MS = 5_000;
const LIFETIME_S = 120;

export type Fetcher = (url: string, init: RequestInit) => Promise<Response>;

export async function notifyLogout(
  deps: Pick<AppDeps, "clients" | "keys" | "config" | "random" | "clock">,
  session: SessionView,
  fetcher: Fetcher,
): Promise<{ clientId: string; ok: boolean }[]> {
  const iat = Math.floor(deps.clock.now() / 1000);
  const results = await Promise.all(
    session.clients.map(async (clientId) => {
      const client = await deps.clients.find(clientId);
      if (!client?.backchannelLogoutUri || client.status !== "active") return null;
      const token = await deps.keys.sign(
        {
          iss: deps.config.issuer,
          aud: client.id,
          sub: await subjectFor(client, session.citizenId, deps.config.subjectSalt),
          sid: session.sid,
          iat,
          exp: iat + LIFETIME_S,
          jti: randomToken(deps.random, 128),
          events: { [EVENT]: {} },
        },
        { alg: client.idTokenAlg, typ: "logout+jwt" },
      );
      try {
        const response = await fetcher(client.backchannelLogoutUri, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ logout_token: token }).toString(),
          signal: AbortSignal.timeout(TIMEOUT_MS),
          redirect: "manual",
        });
        return { clientId, ok: response.ok };
      } catch {
        return { clientId, ok: false };
      }
    }),
  );
  return results.filter((r) => r !== null);
}
