/**
 * A validated authorization request (OIDC Core 3.1.2.1): what /authorize accepted, stored in
 * the login transaction and used again when the code is issued and redeemed. Produced by
 * oidc/authorize.ts from the query, the form body or a signed request object, after every
 * check in oidc/checks/ passed.
 */
import type { AssuranceLevel } from "../assurance/levels.ts";
import type { LoginMethod, Scope } from "../storage/client-store.ts";
import type { Display } from "./checks/display.ts";
import type { ResponseMode } from "./checks/response-mode.ts";

export type Prompt = "none" | "login" | "consent";

/** One member of the `claims` parameter (OIDC Core 5.5.1). */
export type ClaimRule = { essential?: boolean; value?: unknown; values?: unknown[] } | null;
export type ClaimsRequest = {
  id_token?: Record<string, ClaimRule>;
  userinfo?: Record<string, ClaimRule>;
};

export type AuthorizationRequest = {
  clientId: string;
  redirectUri: string;
  /** Granted scope: what was asked, limited to what the client is allowed. */
  scope: Scope[];
  state: string | null;
  nonce: string | null;
  /** PKCE S256 challenge (RFC 7636). */
  codeChallenge: string;
  /** The level this login must reach: the highest of the client's minimum and the request's. */
  acr: AssuranceLevel;
  prompt: Prompt[];
  /** Seconds; the citizen must have authenticated at most this long ago. */
  maxAge: number | null;
  /** A document number to prefill (and, with a session, to match). */
  loginHint: string | null;
  uiLocales: string[];
  claims: ClaimsRequest | null;
  /** Methods the citizen may use: the client's, able to reach `acr`, implemented here. */
  methods: LoginMethod[];
  /** Where the response goes: a redirect, or a message from the login frame. */
  responseMode: ResponseMode;
  /** How the login page looks (theme and the page's allowed style properties). */
  display: Display;
};
