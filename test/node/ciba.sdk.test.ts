/**
 * A call centre's backend logging a citizen in by CIBA (poll mode) with @llave/sdk, against the
 * running worker (the production bundle in workerd, as `npm run dev` runs it): the agency is
 * registered through the admin API, the citizen's app is a real device activated over HTTP
 * (stack-device.ts), and the SDK polls with its real timer while the app answers. It ends in
 * verified tokens when the citizen picks the number read out, and in typed errors otherwise.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CITIZENS } from "../../scripts/lib/seed.ts";
import { createClient, isLlaveError, type LlaveClient } from "../../sdk/src/index.ts";
import { type RunningStack, runningStack } from "./running-stack.ts";
import {
  activateOnStack,
  nextApproval,
  pastBindingWait,
  type StackDevice,
} from "./stack-device.ts";

const [lucia, javier] = DEMO_CITIZENS;
let stack: RunningStack;
let llave: LlaveClient;
let device: StackDevice;

beforeAll(async () => {
  if (!lucia || !javier?.id) throw new Error("no demo citizens");
  stack = await runningStack();
  const client = await stack.registerClient({
    name: "Centro de atención (pruebas)",
    redirectUris: ["http://127.0.0.1:8788/callback"],
    scopes: ["openid", "profile", "document"],
    allowedMethods: ["mobile"],
    minAcr: "substantial",
  });
  llave = createClient({ issuer: stack.issuer, clientId: client.id, clientSecret: client.secret });
  device = await activateOnStack(stack, javier);
  // A day old, past its binding wait: the call centre's service needs substantial.
  await pastBindingWait(stack, javier.id);
}, 180_000);

afterAll(async () => {
  await stack?.dispose();
});

/** The rejection of a promise that must reject. */
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  );

describe("CIBA through @llave/sdk against the running worker", () => {
  it("logs the citizen in once the app picks the number read out", async () => {
    const request = await llave.backchannelAuthenticate({
      loginHint: javier?.documentNumber.toLowerCase() ?? "",
      bindingMessage: "Llamada 4821: cita previa",
      scope: "openid profile document",
      acrValues: "substantial",
    });
    expect(request).toEqual({
      authReqId: expect.stringMatching(/^[0-9a-f]{64}\.[A-Za-z0-9_-]{43}$/),
      expiresIn: 300,
      interval: 5,
      matchNumber: expect.any(Number),
    });
    const approval = await nextApproval(device);
    expect(approval).toMatchObject({
      mode: "ciba",
      agency: "Centro de atención (pruebas)",
      bindingMessage: "Llamada 4821: cita previa",
    });
    expect(approval.choices).toContain(request.matchNumber);

    const polling = llave.pollBackchannelToken(request.authReqId, {
      interval: request.interval,
      acr: "substantial",
    });
    const answered = await device.json("POST", `/api/app/approvals/${approval.id}`, {
      decision: "approve",
      number: request.matchNumber,
    });
    expect(answered).toEqual({ status: 200, body: { status: "approved" } });
    const { claims, tokens } = await polling;
    expect(claims).toMatchObject({
      iss: stack.issuer,
      aud: llave.clientId,
      acr: "http://eidas.europa.eu/LoA/substantial",
      amr: ["swk", "user"],
    });
    expect(claims.sid).toBeUndefined();
    const info = await llave.userinfo(tokens.accessToken, { subject: claims.sub });
    expect(info).toMatchObject({
      given_name: javier?.givenName,
      document_number: javier?.documentNumber,
    });
  }, 60_000);

  it("ends in access_denied when the citizen declines", async () => {
    const request = await llave.backchannelAuthenticate({
      loginHint: javier?.documentNumber ?? "",
      bindingMessage: "Llamada 4822",
    });
    const approval = await nextApproval(device);
    await device.json("POST", `/api/app/approvals/${approval.id}`, { decision: "decline" });
    const error = await rejection(llave.pollBackchannelToken(request.authReqId));
    expect(isLlaveError(error, "oauth_error") && error.error).toBe("access_denied");
  }, 60_000);

  it("refuses a citizen without the app with unknown_user_id, and a bad binding message", async () => {
    const noApp = await rejection(
      llave.backchannelAuthenticate({
        loginHint: lucia?.documentNumber ?? "",
        bindingMessage: "Llamada 4823",
      }),
    );
    expect(noApp).toMatchObject({ code: "oauth_error", error: "unknown_user_id", status: 400 });
    const badMessage = await rejection(
      llave.backchannelAuthenticate({
        loginHint: javier?.documentNumber ?? "",
        bindingMessage: "x".repeat(65),
      }),
    );
    expect(badMessage).toMatchObject({ code: "oauth_error", error: "invalid_binding_message" });
  });
});
