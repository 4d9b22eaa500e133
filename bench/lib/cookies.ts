/**
 * A browser's cookies for one provider, as the token benchmark's signed-in sessions keep them:
 * name → value, echoed back on every request to that provider. Paths, domains and flags are not
 * modelled: the bench speaks to one origin at a time, and it echoes `Secure` cookies (Llave's
 * `__Host-` cookies) over plain HTTP on the loopback address on purpose.
 */
import type { Reply } from "./http.ts";

export class CookieJar {
  readonly #values = new Map<string, string>();

  /** Takes every `Set-Cookie` of `reply`; a cookie set empty or already expired is removed. */
  store(reply: Reply): void {
    const set = reply.headers["set-cookie"];
    for (const line of Array.isArray(set) ? set : set ? [set] : []) {
      const [pair = "", ...attributes] = line.split(";");
      const eq = pair.indexOf("=");
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === "" || attributes.some(expired)) this.#values.delete(name);
      else this.#values.set(name, value);
    }
  }

  has(name: string): boolean {
    return this.#values.has(name);
  }

  /** The `Cookie` request header. */
  get header(): string {
    return [...this.#values].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

function expired(attribute: string): boolean {
  const [key = "", value = ""] = attribute.split("=", 2).map((s) => s.trim());
  if (key.toLowerCase() === "max-age") return Number(value) <= 0;
  if (key.toLowerCase() === "expires") return Date.parse(value) <= Date.now();
  return false;
}
