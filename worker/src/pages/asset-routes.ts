/**
 * The browser side of Llave, served from the bundle (pages/assets.ts):
 *
 * - `/llave-login.js`: the element agencies include. A stable URL, so cached for an hour and
 *   revalidated by ETag; the content-hashed copy under /assets/ suits pages that pin it with
 *   Subresource Integrity.
 * - `/assets/<name>.<hash>.<ext>`: the login app, its stylesheet, the response page's script:
 *   immutable, cached for a year.
 */
import { Hono } from "hono";
import { ASSETS } from "./assets.ts";

const BY_PATH = new Map(Object.values(ASSETS).map((asset) => [asset.path, asset]));
const ELEMENT_ETAG = `"${ASSETS.element.path.split(".").at(-2)}"`;

export function assetRoutes(): Hono {
  const app = new Hono();

  app.get("/llave-login.js", (c) => {
    const headers = {
      "content-type": ASSETS.element.type,
      "cache-control": "public, max-age=3600",
      etag: ELEMENT_ETAG,
      // Agencies' pages load it cross-origin, some with Cross-Origin-Embedder-Policy.
      "cross-origin-resource-policy": "cross-origin",
      "access-control-allow-origin": "*",
    };
    if (c.req.header("if-none-match") === ELEMENT_ETAG) return c.body(null, 304, headers);
    return c.body(ASSETS.element.body, 200, headers);
  });

  app.get("/assets/:file", (c) => {
    const asset = BY_PATH.get(c.req.path);
    if (!asset) return c.notFound();
    return c.body(asset.body, 200, {
      "content-type": asset.type,
      "cache-control": "public, max-age=31536000, immutable",
      "cross-origin-resource-policy": "cross-origin",
      "access-control-allow-origin": "*",
    });
  });

  return app;
}
