/**
 * What a {@link LoginFlowReport} must say, whichever runtime ran the flow (Node, Deno, workerd):
 * one set of expectations, so the runtimes are held to the same behaviour.
 */
import { expect } from "vitest";
import type { LoginFlowReport } from "./login-flow.ts";

export type LoginFlowExpectations = {
  issuer: string;
  clientId: string;
  postLogoutRedirectUri: string;
  /** The citizen who logged in, as the provider knows them. */
  citizen: { givenName: string; documentNumber: string };
};

export function expectLoginFlow(report: LoginFlowReport, expected: LoginFlowExpectations): void {
  const { issuer, clientId, citizen } = expected;
  expect(report.wrongState).toEqual({ llaveError: true, code: "invalid_state" });
  expect(report.wrongIssuer).toEqual({ llaveError: true, code: "iss_mismatch" });

  const sub = report.claims.sub;
  expect(sub).toEqual(expect.any(String));
  expect(report.claims).toMatchObject({
    iss: issuer,
    aud: clientId,
    azp: clientId,
    nonce: report.nonce,
    acr: "http://eidas.europa.eu/LoA/low",
    amr: ["otp", "sms"],
    sid: expect.any(String),
    at_hash: expect.any(String),
  });
  expect(report.tokens).toEqual({
    refreshToken: true,
    idToken: true,
    scope: expect.stringContaining("offline_access"),
  });

  expect(report.userinfo).toMatchObject({
    sub,
    given_name: citizen.givenName,
    document_number: citizen.documentNumber,
  });
  expect(report.accessToken).toMatchObject({ iss: issuer, sub, client_id: clientId });
  expect(report.accessToken.scope.split(" ")).toContain("profile");
  expect(report.wrongAudience).toEqual({ llaveError: true, code: "access_token_invalid" });
  expect(report.introspection).toMatchObject({ active: true, sub, client_id: clientId });

  expect(report.refreshed).toEqual({ sub, rotated: true, newAccessToken: true });
  // Revoking the refresh token ends the whole grant, its access tokens included.
  expect(report.afterRevoke).toEqual({
    refresh: { llaveError: true, code: "oauth_error", error: "invalid_grant" },
    introspection: { active: false },
  });

  const logout = new URL(report.logoutUrl);
  expect(`${logout.origin}${logout.pathname}`).toBe(`${issuer}/logout`);
  expect(Object.fromEntries(logout.searchParams)).toEqual({
    client_id: clientId,
    id_token_hint: expect.any(String),
    post_logout_redirect_uri: expected.postLogoutRedirectUri,
    state: "bye",
  });
}
