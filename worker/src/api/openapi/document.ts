/**
 * The OpenAPI 3.1 description of everything Llave serves to a client, a browser or an
 * operator, assembled from one module per area: the OpenID Connect endpoints (protocol-browser.ts, protocol-back-end.ts),
 * the login page and the citizen's area (pages.ts), the login API (login.ts), the citizen
 * app's API (citizen-app.ts) and the admin API (admin.ts). Our own APIs' schemas are the zod
 * schemas that validate requests: registered with `.meta({ id })`, they become components, so
 * the document cannot drift from what the handlers accept.
 */
import * as z from "zod";
import { ADMIN_REQUESTS, adminPaths, adminTokenScheme } from "./admin.ts";
import { APP_REQUESTS, appPaths, dpopScheme } from "./citizen-app.ts";
import { LOGIN_REQUESTS, loginPaths, MOBILE_DOC } from "./login.ts";
import { PAGE_REQUESTS, pagePaths } from "./pages.ts";
import { backEndPaths, clientAuthSchemes } from "./protocol-back-end.ts";
import { browserPaths } from "./protocol-browser.ts";
import { PROTOCOL_REQUESTS } from "./protocol-schemas.ts";

export { ProblemDetails } from "./shared.ts";

/** The components that describe request bodies. */
const REQUEST_IDS = new Set(
  [
    ...PROTOCOL_REQUESTS,
    ...PAGE_REQUESTS,
    ...LOGIN_REQUESTS,
    ...APP_REQUESTS,
    ...ADMIN_REQUESTS,
  ].map((schema) => schema.meta()?.id),
);

/**
 * The document for the deployment at `issuer`.
 *
 * @example openApiDocument("https://llave.example").paths["/token"].post.operationId // "token"
 */
export function openApiDocument(issuer: string) {
  // Every schema registered with `.meta({ id })` becomes a component; references between
  // them point into components rather than into per-schema $defs. Request bodies are described
  // as they may be sent (a member with a default is optional), answers as they are produced.
  const generate = (io: "input" | "output") =>
    z.toJSONSchema(z.globalRegistry, {
      target: "draft-2020-12",
      unrepresentable: "any",
      io,
      uri: (id) => `#/components/schemas/${id}`,
    }).schemas;
  const [sent, produced] = [generate("input"), generate("output")];
  const components = Object.fromEntries(
    Object.entries(produced).map(([id, output]) => {
      const schema = REQUEST_IDS.has(id) ? sent[id] : output;
      const { $schema: _, $id: __, ...rest } = schema as Record<string, unknown>;
      return [id, rest];
    }),
  );
  return {
    openapi: "3.1.0",
    info: {
      title: "Llave API",
      version: "0.1.0",
      description:
        "The OpenID Connect endpoints agencies integrate with (discovery, /authorize, /token, /userinfo, introspection, revocation, logout, CIBA; OAuth errors, docs/oidc.md); the login page and the citizen's area; login transactions and their methods (one-time PIN, permanent password, the citizen app by QR or push); the citizen app's own API, every request of which but two is proved with the device's key (DPoP, docs/mobile.md); and the admin API through which operators register agencies' clients (bearer ADMIN_TOKEN; it answers 404 on deployments without one). Our own APIs' errors are RFC 9457 problems with a stable `type` (urn:llave:problem:<code>).",
    },
    servers: [{ url: issuer }],
    tags: [
      {
        name: "OpenID Connect",
        description:
          "The provider's endpoints: what certified client libraries and @llave/sdk call (docs/oidc.md)",
      },
      { name: "login page", description: "Where /authorize sends the citizen's browser" },
      {
        name: "citizen's area",
        description: "The citizen's own pages and their API (password, activation code)",
      },
      { name: "password", description: "The permanent password method (docs/password.md)" },
      {
        name: "mobile",
        description: `The login page's side of the mobile method: show a QR, or send a request to the citizen's app, then follow it (${MOBILE_DOC})`,
      },
      {
        name: "citizen app",
        description: `The citizen app's API: activation, inbox, QR scans, answers and devices (${MOBILE_DOC})`,
      },
      {
        name: "admin",
        description:
          "Operators: agencies' clients, activation codes, suspending and unlocking citizens",
      },
    ],
    paths: {
      ...browserPaths,
      ...backEndPaths,
      ...pagePaths,
      ...loginPaths,
      ...appPaths,
      ...adminPaths,
    },
    components: {
      schemas: components,
      securitySchemes: { ...clientAuthSchemes, adminToken: adminTokenScheme, dpop: dpopScheme },
    },
  };
}
