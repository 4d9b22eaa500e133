/** The OpenID Connect provider's endpoints, as one Hono app mounted at the issuer's root. */
import { Hono } from "hono";
import type { AppDeps } from "../app.ts";
import { authorizeRoutes } from "./authorize.ts";
import { backchannelRoutes } from "./backchannel-authentication.ts";
import { discoveryRoutes } from "./discovery.ts";
import { endSessionRoutes } from "./end-session.ts";
import { introspectionRoutes } from "./introspection.ts";
import { revocationRoutes } from "./revocation.ts";
import { tokenRoutes } from "./token.ts";
import { userinfoRoutes } from "./userinfo.ts";

export function oidcRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  app.route("/", discoveryRoutes(deps));
  app.route("/", authorizeRoutes(deps));
  app.route("/", tokenRoutes(deps));
  app.route("/", backchannelRoutes(deps));
  app.route("/", introspectionRoutes(deps));
  app.route("/", revocationRoutes(deps));
  app.route("/", userinfoRoutes(deps));
  app.route("/", endSessionRoutes(deps, deps.outbound));
  return app;
}
