/**
 * GET /openapi.json — the OpenAPI 3.1 document.
 * GET /docs         — the same document as a readable page, rendered on the server with no
 *                     scripts or third-party assets (it must work offline and under a strict CSP).
 */
import { Hono } from "hono";
import { html, raw } from "hono/html";
import type { AppDeps } from "../app.ts";
import { PROBLEMS, problemType } from "../errors.ts";
import { openApiDocument } from "./openapi.ts";

type Operation = {
  operationId: string;
  summary: string;
  description?: string;
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }>;
};

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

export function apiDocs(deps: AppDeps): Hono {
  const app = new Hono();
  const document = openApiDocument(deps.config.issuer);

  app.get("/openapi.json", (c) => {
    c.header("cache-control", "public, max-age=300");
    return c.json(document);
  });

  app.get("/docs", (c) => {
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods as Record<string, Operation>).map(([method, op]) => ({
        path,
        method,
        op,
      })),
    );
    return c.html(html`<!doctype html>
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>${document.info.title}</title>
          <style>
            body { font: 16px/1.55 system-ui, sans-serif; margin: 2rem auto; max-width: 62rem; padding: 0 1rem; color: #1a1a1a; }
            h2 { border-top: 1px solid #ccc; padding-top: 1rem; }
            .method { font: bold .9em ui-monospace, monospace; background: #0b5394; color: #fff; padding: .1rem .4rem; border-radius: .2rem; }
            pre { background: #f4f4f4; padding: .75rem; overflow-x: auto; font-size: .85em; }
            table { border-collapse: collapse; } td, th { padding: .25rem .75rem .25rem 0; text-align: left; vertical-align: top; }
          </style>
        </head>
        <body>
          <h1>${document.info.title}</h1>
          <p>${document.info.description} Machine-readable: <a href="/openapi.json">/openapi.json</a>.</p>
          <nav aria-label="Operations"><ul>
            ${operations.map(({ op }) => html`<li><a href="#${op.operationId}">${op.summary}</a></li>`)}
            <li><a href="#problems">Problem types</a></li>
          </ul></nav>
          ${operations.map(
            ({ path, method, op }) => html`<section id="${op.operationId}">
              <h2><span class="method">${method.toUpperCase()}</span> <code>${path}</code></h2>
              <p>${op.summary}. ${op.description ?? ""}</p>
              ${op.requestBody ? html`<h3>Request body</h3><pre>${pretty(schemaOf(document, op.requestBody.content))}</pre>` : ""}
              <h3>Responses</h3>
              <table>
                ${Object.entries(op.responses).map(
                  ([status, r]) => html`<tr><th scope="row">${status}</th><td>${r.description}
                    ${r.content && status < "300" ? html`<pre>${pretty(schemaOf(document, r.content))}</pre>` : ""}</td></tr>`,
                )}
              </table>
            </section>`,
          )}
          <section id="problems">
            <h2>Problem types</h2>
            <p>Errors are <code>application/problem+json</code> (RFC 9457).</p>
            <table>
              <tr><th scope="col">type</th><th scope="col">status</th><th scope="col">title</th></tr>
              ${Object.entries(PROBLEMS).map(
                ([code, p]) =>
                  html`<tr><td><code>${problemType(code as keyof typeof PROBLEMS)}</code></td><td>${p.status}</td><td>${p.title}</td></tr>`,
              )}
            </table>
          </section>
          ${raw("")}
        </body>
      </html>`);
  });
  return app;
}

function schemaOf(
  document: ReturnType<typeof openApiDocument>,
  content: Record<string, { schema: unknown }>,
) {
  const schema = Object.values(content)[0]?.schema as { $ref?: string } | undefined;
  const id = schema?.$ref?.split("/").pop();
  return id ? (document.components.schemas as Record<string, unknown>)[id] : schema;
}
