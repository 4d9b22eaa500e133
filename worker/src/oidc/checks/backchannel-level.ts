/**
 * Rule: the level a backchannel request must reach, and whether the citizen's app can reach
 * it. The level is computed as at /authorize (acr.ts: the client's minimum, `acr_values`, an
 * essential `acr` claim); the only method is the citizen app, so the client must allow
 * `mobile` (else `unauthorized_client`: CIBA Core 13, the client may not use this flow) and
 * the app must be able to prove the level here (else `invalid_request`).
 */
import { type AssuranceLevel, meetsLevel } from "../../assurance/levels.ts";
import type { Config } from "../../config.ts";
import type { Client } from "../../storage/client-store.ts";
import type { ClaimsRequest } from "../authorization-request.ts";
import { OAuthError, oauth } from "../oauth-error.ts";
import { methodLevels, requiredLevel } from "./acr.ts";
import type { Params } from "./params.ts";

export function backchannelLevel(
  config: Config,
  client: Client,
  params: Params,
  claims: ClaimsRequest | null,
): AssuranceLevel {
  if (!client.allowedMethods.includes("mobile")) {
    throw oauth(
      "unauthorized_client",
      "This client may not use the citizen app, which backchannel authentication needs",
    );
  }
  let level: AssuranceLevel;
  try {
    level = requiredLevel(client, params, claims);
  } catch (error) {
    // The same refusal in the codes CIBA Core 13 defines.
    if (error instanceof OAuthError) throw oauth("invalid_request", error.description);
    throw error;
  }
  const mobile = methodLevels(config).mobile;
  if (mobile === undefined || !meetsLevel(mobile, level)) {
    throw oauth("invalid_request", `The citizen app cannot reach the ${level} level`);
  }
  return level;
}
