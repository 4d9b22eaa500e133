/**
 * Backchannel authentication (CIBA, poll mode): the request's parameters and answer, then the
 * poll — waiting the interval, five seconds more on `slow_down`, through
 * `authorization_pending` — ending in verified tokens or a typed error.
 */
import { describe, expect, it } from "vitest";
import { CLIENT_ID, ISSUER } from "../test/fake-op.ts";
import { failure, relyingParty } from "../test/relying-party.ts";

const rp = relyingParty();
const CIBA = "urn:openid:params:grant-type:ciba";

const oauthError = (error: string, description = "") =>
  Response.json({ error, error_description: description }, { status: 400 });

/** Makes the client's waits instant, moving the provider's clock instead; records them. */
function instantWaits(): number[] {
  const waits: number[] = [];
  rp.reconfigure({
    sleep: async (ms, signal) => {
      signal?.throwIfAborted();
      waits.push(ms);
      rp.op.advance(ms / 1000);
    },
  });
  return waits;
}

/** The token endpoint answers these in turn (the last one again if polled further). */
function tokenAnswers(...answers: (() => Promise<Response>)[]) {
  const polls: Record<string, string>[] = [];
  rp.op.answerTokens(async (form) => {
    polls.push(Object.fromEntries(form));
    const answer = answers[Math.min(polls.length, answers.length) - 1];
    if (!answer) throw new Error("no answer");
    return answer();
  });
  return polls;
}

describe("backchannelAuthenticate", () => {
  it("posts the citizen, the binding message and the level with the client's authentication", async () => {
    const request = await rp.client.backchannelAuthenticate({
      loginHint: "12345678Z",
      bindingMessage: "Llamada 4821",
      scope: "profile document",
      acrValues: "substantial",
      requestedExpiry: 120,
    });
    expect(request).toEqual({ authReqId: "req-1", expiresIn: 300, interval: 5, matchNumber: 47 });
    const sent = rp.sent("/backchannel-authentication");
    expect(sent?.form).toEqual({
      scope: "openid profile document",
      login_hint: "12345678Z",
      binding_message: "Llamada 4821",
      acr_values: "http://eidas.europa.eu/LoA/substantial",
      requested_expiry: "120",
    });
    expect(sent?.authorization).toMatch(/^Basic /);
  });

  it("defaults the interval to 5 s and refuses an answer without match_number", async () => {
    rp.op.answerBackchannel(async () =>
      Response.json({ auth_req_id: "req-2", expires_in: 60, match_number: 12 }),
    );
    const options = { loginHint: "12345678Z", bindingMessage: "Cita" };
    expect((await rp.client.backchannelAuthenticate(options)).interval).toBe(5);
    rp.op.answerBackchannel(async () => Response.json({ auth_req_id: "req-3", expires_in: 60 }));
    const error = await failure(rp.client.backchannelAuthenticate(options));
    expect(error.code).toBe("invalid_response");
  });

  it("reports the provider's refusal as an oauth_error with its CIBA code", async () => {
    rp.op.answerBackchannel(async () =>
      oauthError("unknown_user_id", "The citizen has not activated the citizen app"),
    );
    const error = await failure(
      rp.client.backchannelAuthenticate({ loginHint: "12345678Z", bindingMessage: "Cita" }),
    );
    expect(error).toMatchObject({
      code: "oauth_error",
      error: "unknown_user_id",
      errorDescription: "The citizen has not activated the citizen app",
      status: 400,
    });
  });

  it("refuses a requestedExpiry that is not a positive integer, before any request", async () => {
    const error = await failure(
      rp.client.backchannelAuthenticate({
        loginHint: "12345678Z",
        bindingMessage: "Cita",
        requestedExpiry: 1.5,
      }),
    );
    expect(error.code).toBe("invalid_configuration");
    expect(rp.sent("/backchannel-authentication")).toBeUndefined();
  });

  it("fails when discovery has no backchannel endpoint", async () => {
    delete rp.op.metadata.backchannel_authentication_endpoint;
    const error = await failure(
      rp.client.backchannelAuthenticate({ loginHint: "12345678Z", bindingMessage: "Cita" }),
    );
    expect(error.code).toBe("discovery_failed");
  });
});

describe("pollBackchannelToken", () => {
  it("waits the interval, slows down by 5 s when told, and verifies the tokens", async () => {
    const waits = instantWaits();
    const polls = tokenAnswers(
      async () => oauthError("authorization_pending"),
      async () => oauthError("slow_down"),
      async () => oauthError("authorization_pending"),
      async () => Response.json(await rp.op.tokens({ amr: ["swk", "user"] })),
    );
    const { tokens, claims } = await rp.client.pollBackchannelToken("req-1", {
      interval: 5,
      acr: "substantial",
    });
    expect(waits).toEqual([5000, 5000, 10_000, 10_000]);
    expect(polls).toHaveLength(4);
    expect(polls[0]).toEqual({ grant_type: CIBA, auth_req_id: "req-1" });
    expect(claims).toMatchObject({ iss: ISSUER, aud: CLIENT_ID, amr: ["swk", "user"] });
    expect(tokens.accessToken).toEqual(expect.any(String));
  });

  it.each(["access_denied", "expired_token", "invalid_grant"])(
    "stops at %s, as an oauth_error",
    async (code) => {
      instantWaits();
      const polls = tokenAnswers(
        async () => oauthError("authorization_pending"),
        async () => oauthError(code, "No"),
      );
      const error = await failure(rp.client.pollBackchannelToken("req-1"));
      expect(error).toMatchObject({ code: "oauth_error", error: code, status: 400 });
      expect(polls).toHaveLength(2);
    },
  );

  it("refuses tokens below the level asked for, and forged ones", async () => {
    instantWaits();
    tokenAnswers(async () =>
      Response.json(await rp.op.tokens({ acr: "http://eidas.europa.eu/LoA/low" })),
    );
    const low = await failure(rp.client.pollBackchannelToken("req-1", { acr: "substantial" }));
    expect(low.code).toBe("acr_not_met");
    const stranger = await rp.op.stranger();
    tokenAnswers(async () => {
      const tokens = await rp.op.tokens({});
      return Response.json({ ...tokens, id_token: await rp.op.sign(rp.op.claims(), {}, stranger) });
    });
    const forged = await failure(rp.client.pollBackchannelToken("req-1"));
    expect(forged.code).toBe("id_token_invalid");
  });

  it("stops when the signal aborts, with its reason", async () => {
    const controller = new AbortController();
    instantWaits();
    const polls = tokenAnswers(async () => {
      controller.abort(new Error("operator hung up"));
      return oauthError("authorization_pending");
    });
    await expect(
      rp.client.pollBackchannelToken("req-1", { signal: controller.signal }),
    ).rejects.toThrow("operator hung up");
    expect(polls).toHaveLength(1);
  });

  it("waits with a real timer by default, which the signal cancels", async () => {
    const controller = new AbortController();
    const polling = rp.client.pollBackchannelToken("req-1", {
      interval: 60,
      signal: controller.signal,
    });
    controller.abort(new Error("cancelled"));
    await expect(polling).rejects.toThrow("cancelled");
    expect(rp.sent("/token")).toBeUndefined();
  });
});
