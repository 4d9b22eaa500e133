/** Latency samples and their summaries for the benchmarks: exact percentiles over kept samples. */

export type Summary = {
  count: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
};

/** Milliseconds, appended as they come; a run keeps at most a few hundred thousand. */
export class Samples {
  #values = new Float64Array(1024);
  #length = 0;

  add(ms: number): void {
    if (this.#length === this.#values.length) {
      const grown = new Float64Array(this.#values.length * 2);
      grown.set(this.#values);
      this.#values = grown;
    }
    this.#values[this.#length++] = ms;
  }

  get count(): number {
    return this.#length;
  }

  summary(): Summary {
    const sorted = this.#values.slice(0, this.#length).sort();
    const n = sorted.length;
    if (n === 0) return { count: 0, mean: 0, p50: 0, p90: 0, p99: 0, max: 0 };
    let sum = 0;
    for (const v of sorted) sum += v;
    // Nearest-rank percentile: the smallest sample with at least q of all samples at or below it.
    const at = (q: number) => sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))] ?? 0;
    return {
      count: n,
      mean: round(sum / n),
      p50: round(at(0.5)),
      p90: round(at(0.9)),
      p99: round(at(0.99)),
      max: round(sorted[n - 1] ?? 0),
    };
  }
}

export const round = (v: number, digits = 2): number => {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
};

/** A Markdown table; numbers are right-aligned. */
export function markdownTable(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(3, ...cells.map((r) => (r[i] ?? "").length)));
  const numeric = header.map((_, i) => rows.every((r) => typeof r[i] === "number"));
  const line = (r: string[]) =>
    `| ${r.map((c, i) => (numeric[i] ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join(" | ")} |`;
  const rule = `|${widths.map((w, i) => (numeric[i] ? `${"-".repeat(w + 1)}:` : "-".repeat(w + 2))).join("|")}|`;
  return [line(header), rule, ...cells.slice(1).map(line)].join("\n");
}

/**
 * JSON laid out as the repository's formatter (Biome) lays it out — objects one key per line,
 * arrays of plain values on one line when they fit — so `npm run lint` accepts result files.
 */
export function formatJson(value: unknown, indent = "", column = 0, lineWidth = 100): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const flat = value.every((v) => v === null || typeof v !== "object");
    const oneLine = `[${value.map((v) => JSON.stringify(v)).join(", ")}]`;
    // +1 for the comma that may follow.
    if (flat && column + oneLine.length + 1 <= lineWidth) return oneLine;
    return `[\n${value
      .map((v) => `${inner}${formatJson(v, inner, inner.length, lineWidth)}`)
      .join(",\n")}\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return "{}";
  return `{\n${entries
    .map(([k, v]) => {
      const prefix = `${inner}${JSON.stringify(k)}: `;
      return `${prefix}${formatJson(v, inner, prefix.length, lineWidth)}`;
    })
    .join(",\n")}\n${indent}}`;
}
