/** The dev outbox exists only in dev mode; the same app with dev mode off answers 404. */
import { describe, expect, it } from "vitest";
import { harness } from "./harness.ts";

describe("dev outbox", () => {
  it("lists delivered messages as JSON, filtered by recipient, and as a page", async () => {
    const h = harness();
    const citizen = await h.registerCitizen();
    await h.loginWithPin(citizen);
    const json = await h.call(
      "GET",
      `/dev/outbox?format=json&to=${encodeURIComponent(citizen.mobile ?? "")}`,
    );
    const messages = (await json.json()) as { to: string; channel: string }[];
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ to: citizen.mobile, channel: "sms" });
    const page = await h.call("GET", "/dev/outbox");
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toContain(citizen.mobile ?? "");
  });

  it("does not exist when dev mode is off", async () => {
    const h = harness({ config: (c) => ({ ...c, devMode: false }) });
    expect((await h.call("GET", "/dev/outbox")).status).toBe(404);
    expect((await h.call("GET", "/dev/outbox?format=json")).status).toBe(404);
  });
});
