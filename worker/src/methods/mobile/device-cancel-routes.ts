/**
 * The link that cancels a newly activated app device (docs/mobile.md "Binding a new device"),
 * mounted at /devices/cancel:
 *
 *   GET  /devices/cancel/{token}   a page that names the device and asks to confirm
 *   POST /devices/cancel/{token}   revokes the device, once
 *
 * Every contact gets the link when a device is activated; it works without logging in, since
 * the citizen whose SIM was swapped may have nothing else. GET changes nothing, so a mail
 * scanner that opens links cannot revoke a device; only the form's POST does. The 256-bit
 * token in the path is the form's CSRF defence: no other site can post to a URL it cannot
 * know. Only the token's SHA-256 is stored, and the POST forgets it: a link works once.
 */
import { Hono } from "hono";
import { afterResponse, requester } from "../../api/request-context.ts";
import type { AppDeps } from "../../app.ts";
import { sha256 } from "../../crypto/digest.ts";
import { errorPage } from "../../pages/error-page.ts";
import { html, page } from "../../pages/html.ts";
import { deviceCancelledNotices } from "./mobile-message.ts";

/** A 256-bit token, as randomToken writes it. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The cancel link of the token `token` at `issuer`. */
export const cancelUrl = (issuer: string, token: string): string =>
  `${issuer}/devices/cancel/${token}`;

const dateTime = new Intl.DateTimeFormat("es-ES", {
  dateStyle: "long",
  timeStyle: "short",
  timeZone: "Europe/Madrid",
});

export function deviceCancelRoutes(deps: AppDeps): Hono {
  const { devices, accounts, apps, delivery, clock } = deps;
  const app = new Hono();

  const digestOf = async (token: string) => (TOKEN.test(token) ? sha256(token) : null);

  const gone = (c: Parameters<typeof errorPage>[0]) =>
    errorPage(c, {
      title: "Este enlace ya no sirve",
      lines: [
        "El enlace ya se usó, o la app ya no está activa en ese dispositivo. No hay nada que anular.",
        "This link was already used, or the app is no longer active on that device.",
      ],
      status: 404,
    });

  app.get("/:token", async (c) => {
    const digest = await digestOf(c.req.param("token"));
    const device = digest ? await devices.byCancelDigest(digest) : null;
    if (!device) return gone(c);
    const body = html`<h1>¿Anular la app Llave en «${device.name}»?</h1>
<p>La app Llave se activó en este dispositivo el ${dateTime.format(device.createdAt)}. Si no lo ha
hecho usted, anúlela: dejará de funcionar en ese dispositivo y se avisará en todos sus contactos.</p>
<p lang="en">Cancel the Llave app on «${device.name}», activated on ${new Date(device.createdAt).toISOString()}, if it was not you.</p>
<form method="post"><button type="submit">Anular la app en «${device.name}»</button></form>`;
    return page(c, "Anular un dispositivo", body);
  });

  app.post("/:token", async (c) => {
    const digest = await digestOf(c.req.param("token"));
    const found = digest ? await devices.byCancelDigest(digest) : null;
    if (!digest || !found) return gone(c);
    const now = clock.now();
    const cancelled = await devices.cancel(digest, {
      now,
      audit: [
        {
          ...requester(c, "anonymous"),
          event: "mobile.device_cancelled",
          at: now,
          citizenId: found.citizenId,
          detail: { deviceId: found.id },
        },
      ],
    });
    // Another request with the same link won the race.
    if (!cancelled) return gone(c);
    afterResponse(c, async () => {
      await apps.disconnect(cancelled.citizenId, cancelled.id);
      const citizen = await accounts.findById(cancelled.citizenId);
      const notices = citizen ? deviceCancelledNotices(citizen, cancelled.name) : [];
      await Promise.allSettled(notices.map((m) => delivery.send(m)));
    });
    const body = html`<h1>App anulada</h1>
<p data-status="cancelled">La app Llave ya no funciona en «${cancelled.name}». Si no activó usted
la app, acuda a una oficina de registro para revisar su cuenta.</p>
<p lang="en">The Llave app no longer works on that device.</p>`;
    return page(c, "App anulada", body);
  });

  return app;
}
