/**
 * oidcc-refresh-token — refresh tokens (OIDC Core 12, RFC 6749 6, RFC 9700 4.14.2): a grant
 * with `offline_access` gets one; using it answers new tokens whose ID token keeps `iss`,
 * `sub`, `aud` and `auth_time` (OIDC Core 12.2) and a new refresh token (rotation). Replaying
 * a rotated token is `invalid_grant` and revokes the family: the newest refresh token and the
 * access tokens stop working too. A refresh token is bound to its client, may only narrow the
 * scope, and dies at the family's absolute expiry (SECURITY.md "OpenID Connect / OAuth").
 */
import { describe, expect, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, relyingParty } from "../worker/relying-party.ts";
import {
  claimsOf,
  expectInvalidToken,
  expectTokenError,
  signIn,
  tokensOf,
  userinfo,
} from "./support.ts";

const OFFLINE = { scope: "openid profile offline_access" };
const refresh = (token: string | undefined, extra: Record<string, string> = {}) => ({
  grant_type: "refresh_token",
  refresh_token: token ?? "",
  ...extra,
});

describe("oidcc-refresh-token", () => {
  it("rotates, and a replay of a rotated token revokes the whole family", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const first = await signIn(h, rp, new Browser(h), citizen, OFFLINE);

    h.clock.advance(5_000);
    const second = await tokensOf(await rp.token(refresh(first.tokens.refresh_token)));
    expect(second.refresh_token).toEqual(expect.any(String));
    expect(second.refresh_token).not.toBe(first.tokens.refresh_token);
    const claims = await rp.verifyIdToken(second.id_token);
    expect(claims).toMatchObject({
      iss: first.claims.iss,
      sub: first.claims.sub,
      aud: first.claims.aud,
      auth_time: first.claims.auth_time,
      azp: first.claims.azp,
    });
    expect(claims.iat).toBeGreaterThan(first.claims.iat ?? 0);
    expect(claims).not.toHaveProperty("nonce");
    await claimsOf(await userinfo(h, second.access_token));

    await expectTokenError(await rp.token(refresh(first.tokens.refresh_token)), {
      status: 400,
      error: "invalid_grant",
    });
    await expectTokenError(await rp.token(refresh(second.refresh_token)), {
      status: 400,
      error: "invalid_grant",
    });
    await expectInvalidToken(await userinfo(h, second.access_token));
    await expectInvalidToken(await userinfo(h, first.tokens.access_token));
  });

  it("refuses another client's refresh token", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const other = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const { tokens } = await signIn(h, rp, new Browser(h), citizen, OFFLINE);
    await expectTokenError(await other.token(refresh(tokens.refresh_token)), {
      status: 400,
      error: "invalid_grant",
    });
    await tokensOf(await rp.token(refresh(tokens.refresh_token)));
  });

  it("narrows the scope on request and refuses to widen it, without burning the token", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const { tokens } = await signIn(h, rp, new Browser(h), citizen, OFFLINE);

    await expectTokenError(
      await rp.token(refresh(tokens.refresh_token, { scope: "openid profile email" })),
      { status: 400, error: "invalid_scope" },
    );
    // A refused request changes nothing: the same refresh token still works.
    const narrowed = await tokensOf(
      await rp.token(refresh(tokens.refresh_token, { scope: "openid" })),
    );
    expect(narrowed.scope).toBe("openid");
    expect(Object.keys(await claimsOf(await userinfo(h, narrowed.access_token)))).toEqual(["sub"]);
  });

  it("ends at the family's absolute expiry, however often it is rotated", async () => {
    const h = harness();
    const rp = await relyingParty(h, { refreshTokenTtl: 3_600 });
    const citizen = await h.registerCitizen();
    let token = (await signIn(h, rp, new Browser(h), citizen, OFFLINE)).tokens.refresh_token;
    for (let i = 0; i < 3; i++) {
      h.clock.advance(1_000_000);
      token = (await tokensOf(await rp.token(refresh(token)))).refresh_token;
    }
    h.clock.advance(600_001);
    await expectTokenError(await rp.token(refresh(token)), { status: 400, error: "invalid_grant" });
  });

  it("issues no refresh token without offline_access", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const { tokens } = await signIn(h, rp, new Browser(h), citizen);
    expect(tokens).not.toHaveProperty("refresh_token");
  });
});
