/**
 * /dev/outbox: every SMS, e-mail and app message the local stack "sent", as JSON
 * (`Accept: application/json` or `?format=json`, filterable with `?to=`) or as a page a person
 * reads. Mounted only when DEV_MODE is on and the DEV_OUTBOX binding exists.
 */
import { Hono } from "hono";
import { html } from "hono/html";
import type { OutboxDelivery } from "../delivery/outbox.ts";

/** "2026-12-07 10:42:05", the wall-clock time in `timeZone`. */
function wallClock(timeZone: string): (at: number) => string {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  });
  return (at) => {
    const p = Object.fromEntries(parts.formatToParts(at).map((x) => [x.type, x.value]));
    return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
  };
}

/** `timeZone`: the administration's (config TIME_ZONE), the zone the messages' texts use. */
export function outboxRoutes(outbox: OutboxDelivery, timeZone: string): Hono {
  const app = new Hono();
  const when = wallClock(timeZone);
  app.get("/outbox", async (c) => {
    const to = c.req.query("to");
    const limit = Math.min(Number(c.req.query("limit") ?? 100) || 100, 1000);
    const messages = await outbox.list({ ...(to ? { to } : {}), limit });
    const wantsJson =
      c.req.query("format") === "json" ||
      (c.req.header("accept") ?? "").includes("application/json");
    if (wantsJson) return c.json(messages);
    return c.html(html`<!doctype html>
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta http-equiv="refresh" content="5" />
          <title>Llave dev outbox</title>
          <style>
            body { font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1a1a1a; }
            table { border-collapse: collapse; width: 100%; }
            th, td { text-align: left; padding: .5rem; border-bottom: 1px solid #ccc; vertical-align: top; }
            code { font-size: 1.1em; }
          </style>
        </head>
        <body>
          <h1>Dev outbox</h1>
          <p>Messages the local stack would have sent by SMS, e-mail or to the citizen app. Newest first; refreshes every 5 s.
            Times are in the administration's zone, ${timeZone} (<code>TIME_ZONE</code>).
            <a href="/dev/outbox?format=json${to ? `&to=${encodeURIComponent(to)}` : ""}">JSON</a></p>
          <table>
            <thead><tr><th scope="col">When (${timeZone})</th><th scope="col">Channel</th><th scope="col">To</th><th scope="col">Message</th></tr></thead>
            <tbody>
              ${messages.map(
                (m) => html`<tr>
                  <td><time datetime="${new Date(m.at).toISOString()}">${when(m.at)}</time></td>
                  <td>${m.channel}</td>
                  <td><a href="/dev/outbox?to=${encodeURIComponent(m.to)}">${m.to}</a></td>
                  <td><code>${m.text}</code></td>
                </tr>`,
              )}
            </tbody>
          </table>
        </body>
      </html>`);
  });
  return app;
}
