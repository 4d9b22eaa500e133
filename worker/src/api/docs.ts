/**
 * GET /openapi.json — the OpenAPI 3.1 document.
 * GET /docs         — the same document as a readable page, rendered on the server with no
 *                     scripts or third-party assets (it must work offline and under a strict CSP).
 *
 * Schemas are shown as tables (member, type, required, description), nested objects as tables
 * inside their row and alternatives (oneOf) one table each; a named schema links to its own
 * table under "Schemas", so a reader never has to read raw JSON Schema.
 */
import { Hono } from "hono";
import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { AppDeps } from "../app.ts";
import { PROBLEMS, problemType } from "../errors.ts";
import { openApiDocument } from "./openapi/document.ts";

type Schema = Record<string, unknown> & {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  description?: string;
  additionalProperties?: boolean | Schema;
};
type Content = Record<string, { schema?: Schema }>;
type Parameter = {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: Schema;
};
type Operation = {
  operationId: string;
  summary: string;
  description?: string;
  security?: Record<string, string[]>[];
  parameters?: Parameter[];
  requestBody?: { content: Content };
  responses: Record<string, { description: string; content?: Content }>;
};
type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

const STYLE = `
body { font: 16px/1.55 system-ui, sans-serif; margin: 2rem auto; max-width: 68rem; padding: 0 1rem; color: #1a1a1a; }
h2 { border-top: 1px solid #ccc; padding-top: 1rem; }
h3 { font-size: 1rem; margin-bottom: .25rem; }
.method { font: bold .9em ui-monospace, monospace; background: #0b5394; color: #fff; padding: .1rem .4rem; border-radius: .2rem; }
table { border-collapse: collapse; margin: .25rem 0 .75rem; }
td, th { padding: .25rem .75rem .25rem 0; text-align: left; vertical-align: top; border-bottom: 1px solid #eee; }
table table { margin: .25rem 0 0; font-size: .95em; }
.req { color: #a40000; font-size: .85em; }
td:first-child { white-space: nowrap; }
code { font-size: .9em; }
`;

const refName = (ref: string) => ref.split("/").pop() ?? ref;
const literal = (value: unknown) => html`<code>${JSON.stringify(value)}</code>`;

/** What a schema's type is, in a few words (a link for a named schema). */
function typeOf(schema: Schema): Html {
  if (schema.$ref) {
    const name = refName(schema.$ref);
    return html`<a href="#schema-${name}"><code>${name}</code></a>`;
  }
  if (schema.const !== undefined) return literal(schema.const);
  if (schema.enum) return html`${schema.enum.map((v, i) => html`${i ? " | " : ""}${literal(v)}`)}`;
  if (schema.type === "array" && schema.items) return html`array of ${typeOf(schema.items)}`;
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives)
    return html`${alternatives.map((s, i) => html`${i ? " or " : ""}${typeOf(s)}`)}`;
  const type = Array.isArray(schema.type) ? schema.type.join(" | ") : (schema.type ?? "any");
  return html`${type}`;
}

/** Limits worth telling a developer (lengths, ranges, patterns, defaults). */
function constraints(schema: Schema): string {
  const parts: string[] = [];
  const say = (key: string, label: string) => {
    const value = schema[key];
    // zod's .int() bounds every integer by the safe range: nothing a reader needs to know.
    if (value === undefined || Math.abs(Number(value)) === Number.MAX_SAFE_INTEGER) return;
    parts.push(`${label} ${JSON.stringify(value)}`);
  };
  say("minLength", "min length");
  say("maxLength", "max length");
  say("minimum", "≥");
  say("maximum", "≤");
  say("minItems", "min items");
  say("maxItems", "max items");
  say("pattern", "pattern");
  say("format", "format");
  say("default", "default");
  return parts.join("; ");
}

const isObject = (s: Schema) => s.properties !== undefined;

/** The nested table of a member that is itself an object (or an array of them), if any. */
function nested(schema: Schema, depth: number): Html | "" {
  if (depth > 3) return "";
  if (isObject(schema)) return objectTable(schema, depth + 1);
  if (schema.type === "array" && schema.items && isObject(schema.items)) {
    return objectTable(schema.items, depth + 1);
  }
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives?.some(isObject)) return alternativesOf(alternatives, depth + 1);
  return "";
}

function objectTable(schema: Schema, depth = 0): Html {
  const required = new Set(schema.required ?? []);
  const rows = Object.entries(schema.properties ?? {});
  return html`<table>
    <tr><th scope="col">member</th><th scope="col">type</th><th scope="col">description</th></tr>
    ${rows.map(([name, member]) => {
      const limits = constraints(member);
      return html`<tr>
        <td><code>${name}</code>${required.has(name) ? html` <span class="req">required</span>` : ""}</td>
        <td>${typeOf(member)}</td>
        <td>${member.description ?? ""}${limits ? html` <small>(${limits})</small>` : ""}${nested(member, depth)}</td>
      </tr>`;
    })}
    ${schema.additionalProperties && typeof schema.additionalProperties === "object" && Object.keys(schema.additionalProperties).length ? html`<tr><td><em>other members</em></td><td>${typeOf(schema.additionalProperties)}</td><td></td></tr>` : ""}
  </table>`;
}

function alternativesOf(
  alternatives: Schema[],
  depth: number,
  components?: Record<string, Schema>,
): Html {
  return html`<p>One of:</p>
    <ul>
      ${alternatives.map((alt) => {
        const target = alt.$ref && components ? components[refName(alt.$ref)] : alt;
        return html`<li>${alt.$ref ? typeOf(alt) : ""} ${target ? schemaBlock(target, depth, components) : ""}</li>`;
      })}
    </ul>`;
}

/** A schema as tables: its members, or its alternatives, or just its type. */
function schemaBlock(schema: Schema, depth = 0, components?: Record<string, Schema>): Html {
  const alternatives = schema.oneOf ?? schema.anyOf;
  const note = schema.description ? html`<p>${schema.description}</p>` : "";
  if (alternatives) return html`${note}${alternativesOf(alternatives, depth, components)}`;
  if (isObject(schema)) return html`${note}${objectTable(schema, depth)}`;
  return html`${note}<p>${typeOf(schema)}</p>`;
}

/** A body or answer: the named schema's tables inline (with a link to it), else the inline one. */
function contentBlock(content: Content, components: Record<string, Schema>): Html {
  return html`${Object.entries(content).map(([media, { schema }]) => {
    if (!schema) return html`<p><code>${media}</code></p>`;
    const target = schema.$ref ? components[refName(schema.$ref)] : schema;
    return html`<p><code>${media}</code>${schema.$ref ? html`: ${typeOf(schema)}` : ""}</p>
      ${target ? schemaBlock(target, 0, components) : ""}`;
  })}`;
}

function parametersTable(parameters: Parameter[]): Html {
  return html`<h3>Parameters</h3>
    <table>
      <tr><th scope="col">name</th><th scope="col">in</th><th scope="col">type</th><th scope="col">description</th></tr>
      ${parameters.map(
        (p) => html`<tr>
          <td><code>${p.name}</code>${p.required ? html` <span class="req">required</span>` : ""}</td>
          <td>${p.in}</td>
          <td>${p.schema ? typeOf(p.schema) : "string"}</td>
          <td>${p.description ?? ""}</td>
        </tr>`,
      )}
    </table>`;
}

function securityLine(security: Record<string, string[]>[] | undefined): Html | "" {
  if (!security) return "";
  if (security.length === 0) return html`<p><strong>Authentication:</strong> none.</p>`;
  const ways = security.map((s) => {
    const name = Object.keys(s)[0];
    // An empty requirement: the credentials travel in the body (client_secret_post,
    // private_key_jwt, or userinfo's access_token member).
    return name ? html`<a href="#security-${name}">${name}</a>` : html`members of the body`;
  });
  return html`<p><strong>Authentication:</strong> ${ways.map((w, i) => html`${i ? " or " : ""}${w}`)}.</p>`;
}

function operationSection(
  path: string,
  method: string,
  op: Operation,
  components: Record<string, Schema>,
): Html {
  return html`<section id="${op.operationId}">
    <h2><span class="method">${method.toUpperCase()}</span> <code>${path}</code></h2>
    <p>${op.summary}. ${op.description ?? ""}</p>
    ${securityLine(op.security)}
    ${op.parameters?.length ? parametersTable(op.parameters) : ""}
    ${op.requestBody ? html`<h3>Request body</h3>${contentBlock(op.requestBody.content, components)}` : ""}
    <h3>Responses</h3>
    <table>
      ${Object.entries(op.responses).map(
        ([status, r]) => html`<tr><th scope="row">${status}</th><td>${r.description}
          ${r.content ? (status < "300" ? contentBlock(r.content, components) : errorLink(r.content)) : ""}</td></tr>`,
      )}
    </table>
  </section>`;
}

/** Errors all share one schema: a link to it, not the same table again and again. */
function errorLink(content: Content): Html {
  return html`${Object.entries(content).map(
    ([media, { schema }]) =>
      html`<br /><code>${media}</code>${schema ? html`: ${typeOf(schema)}` : ""}`,
  )}`;
}

export function apiDocs(deps: AppDeps): Hono {
  const app = new Hono();
  const document = openApiDocument(deps.config.issuer);
  const components = document.components.schemas as Record<string, Schema>;
  const schemes = document.components.securitySchemes as Record<string, { description?: string }>;

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
          <style>${raw(STYLE)}</style>
        </head>
        <body>
          <h1>${document.info.title}</h1>
          <p>${document.info.description} Machine-readable: <a href="/openapi.json">/openapi.json</a>.</p>
          <nav aria-label="Operations"><ul>
            ${operations.map(({ op }) => html`<li><a href="#${op.operationId}">${op.summary}</a></li>`)}
            <li><a href="#security">Authentication schemes</a></li>
            <li><a href="#schemas">Schemas</a></li>
            <li><a href="#problems">Problem types</a></li>
          </ul></nav>
          ${operations.map(({ path, method, op }) => operationSection(path, method, op, components))}
          <section id="security">
            <h2>Authentication schemes</h2>
            <table>
              ${Object.entries(schemes).map(
                ([name, s]) =>
                  html`<tr id="security-${name}"><th scope="row"><code>${name}</code></th><td>${s.description ?? ""}</td></tr>`,
              )}
            </table>
          </section>
          <section id="schemas">
            <h2>Schemas</h2>
            ${Object.entries(components)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(
                ([name, schema]) => html`<section id="schema-${name}">
                  <h3><code>${name}</code></h3>
                  ${schemaBlock(schema, 0)}
                </section>`,
              )}
          </section>
          <section id="problems">
            <h2>Problem types</h2>
            <p>Our own APIs' errors are <code>application/problem+json</code> (RFC 9457); the OpenID Connect endpoints answer OAuth's <a href="#schema-OAuthError"><code>OAuthError</code></a>.</p>
            <table>
              <tr><th scope="col">type</th><th scope="col">status</th><th scope="col">title</th></tr>
              ${Object.entries(PROBLEMS).map(
                ([code, p]) =>
                  html`<tr><td><code>${problemType(code as keyof typeof PROBLEMS)}</code></td><td>${p.status}</td><td>${p.title}</td></tr>`,
              )}
            </table>
          </section>
        </body>
      </html>`);
  });
  return app;
}
