/**
 * A browser's cookies for one site, as the benchmark's signed-in sessions and the tests'
 * browsers keep them: name → value, echoed back on every request. Paths, domains and flags are
 * not modelled: each jar speaks to one origin, and it echoes `Secure` cookies (Llave's
 * `__Host-` cookies) over plain HTTP on loopback on purpose. Web APIs only, so the worker tests
 * (in workerd) use it too.
 */

export class CookieJar {
  readonly #values = new Map<string, string>();

  /** Takes `Set-Cookie` lines; a cookie set empty or already expired is removed. */
  store(setCookies: Iterable<string>): void {
    for (const line of setCookies) {
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

  get size(): number {
    return this.#values.size;
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
