/** The browser's single sign-on session, if its cookie names a live one. */
import type { Context } from "hono";
import { sha256 } from "../crypto/digest.ts";
import type { SessionView } from "../objects/citizen-object.ts";
import type { CitizenSessions } from "../objects/ports.ts";
import { readSessionCookie, type SessionCookie } from "./cookie.ts";

export type CurrentSession = { cookie: SessionCookie; session: SessionView };

export async function currentSession(
  c: Context,
  sessions: CitizenSessions,
  input: { clientId: string | null; now: number },
): Promise<CurrentSession | null> {
  const cookie = readSessionCookie(c);
  if (!cookie) return null;
  const session = await sessions.use(cookie.handle, {
    sid: cookie.sid,
    secretHash: await sha256(cookie.secret),
    clientId: input.clientId,
    now: input.now,
  });
  return session ? { cookie, session } : null;
}
