/**
 * The browser side of Llave, built from web-widget/ (`npm run -w web-widget build`) into this
 * bundle: `<llave-login>`, the login app, its stylesheet and the response page's script, each
 * under a content-hashed path. Re-exported here so worker code names one module.
 */
export { ASSETS } from "../../../web-widget/dist/assets.ts";
