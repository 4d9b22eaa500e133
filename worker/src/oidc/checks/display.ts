/**
 * Rule: Llave's display parameters, which `<llave-login>` sends and a plain redirect may too:
 *
 * - `llave_methods`: the methods the page offers (space-separated), narrowing the client's;
 * - `llave_theme`: `light`, `dark` or `auto` (the browser's preference, the default);
 * - `llave_style`: a JSON object of allowed `--llave-*` custom properties (colours, corner
 *   radius, font family). Each value is checked against the syntax its property accepts and
 *   may not contain anything that could end a CSS declaration, because it is written into the
 *   login page's stylesheet.
 */
import {
  STYLE_PROPERTIES,
  type StyleProperty,
  type Theme,
} from "../../../../web-widget/src/frame-messages.ts";
import type { LoginMethod } from "../../storage/client-store.ts";
import { oauth } from "../oauth-error.ts";
import type { Params } from "./params.ts";

export type Display = { theme: Theme; style: Partial<Record<StyleProperty, string>> };

const SYNTAX: Record<(typeof STYLE_PROPERTIES)[StyleProperty], RegExp> = {
  color: /^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,30}|(rgb|rgba|hsl|hsla)\([0-9., %/]{1,60}\))$/,
  length: /^(0|[0-9]{1,3}(\.[0-9]{1,3})?(px|rem|em|%))$/,
  font: /^[a-zA-Z0-9 ,'"-]{1,100}$/,
};

// Own properties only: `in` would also accept `constructor`, `__proto__`, `toString`…
const isStyleProperty = (name: string): name is StyleProperty =>
  Object.hasOwn(STYLE_PROPERTIES, name);

function parseStyle(raw: string | undefined): Display["style"] {
  if (raw === undefined) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw oauth("invalid_request", "llave_style is not JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw oauth("invalid_request", "llave_style is not a JSON object");
  }
  const style: Display["style"] = {};
  for (const [name, value] of Object.entries(parsed)) {
    if (!isStyleProperty(name)) {
      throw oauth("invalid_request", `llave_style: ${name.slice(0, 40)} is not a style property`);
    }
    if (typeof value !== "string" || !SYNTAX[STYLE_PROPERTIES[name]].test(value.trim())) {
      throw oauth("invalid_request", `llave_style: the value of ${name} is not allowed`);
    }
    style[name] = value.trim();
  }
  return style;
}

export function parseDisplay(params: Params): Display {
  const theme = params.llave_theme ?? "auto";
  if (theme !== "light" && theme !== "dark" && theme !== "auto") {
    throw oauth("invalid_request", "llave_theme is light, dark or auto");
  }
  return { theme, style: parseStyle(params.llave_style) };
}

/** The usable methods narrowed to those the page offers; none left is an error. */
export function offeredMethods(params: Params, usable: LoginMethod[]): LoginMethod[] {
  if (!params.llave_methods) return usable;
  const offered = params.llave_methods.split(" ");
  const methods = usable.filter((method) => offered.includes(method));
  if (methods.length === 0) {
    throw oauth(
      "unmet_authentication_requirements",
      "None of the methods in llave_methods can be used for this request",
    );
  }
  return methods;
}
