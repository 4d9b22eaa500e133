/**
 * The timing class of "Get PIN": the same request for a registered citizen, an unknown
 * document and a registered document with the wrong contrast datum, each on a fresh login,
 * interleaved in a shuffled order, one request at a time so they do not queue behind each
 * other. Only the Get PIN request is timed. Every answer must also be byte-identical: if the
 * answers or the timings differ, Get PIN reveals whether a document is registered.
 */
import { makeDni } from "../../worker/src/identity/documents.ts";
import { expectStatus, FunctionalError } from "./http.ts";
import { type BenchContext, createLogin } from "./load.ts";
import { CONTRAST, WRONG_CONTRAST } from "./options.ts";
import type { BenchCitizen } from "./setup.ts";
import { round, Samples, type Summary } from "./stats.ts";

export const ENUM_GROUPS = [
  "knownWarm",
  "knownFirst",
  "unknownDocument",
  "unknownRepeated",
  "knownWrongContrast",
] as const;
export type EnumGroup = (typeof ENUM_GROUPS)[number];
export const ENUM_LABELS: Record<EnumGroup, string> = {
  knownWarm: "known citizen, correct datum (CitizenObject in use)",
  knownFirst: "known citizen, correct datum, first PIN (new CitizenObject)",
  unknownDocument: "unknown document, a new one each time",
  unknownRepeated: "unknown document, the same one each time",
  knownWrongContrast: "known document, wrong contrast datum",
};

export type Enumeration = {
  perGroup: number;
  groups: Record<EnumGroup, Summary>;
  /** Between Get PINs that all reach a CitizenObject for the first time. */
  coldSpreadMs: { p50: number; p99: number };
  /**
   * The same unknown document asked again, minus a citizen whose CitizenObject is in use: a
   * repeated probe tells a registered document from an unknown one when this is not ~0.
   */
  repeatedUnknownMinusWarmMs: { p50: number; mean: number };
};

export async function runEnumeration(ctx: BenchContext, perGroup: number): Promise<Enumeration> {
  const all = ctx.pool.all;
  const samples: Record<EnumGroup, Samples> = {
    knownWarm: new Samples(),
    knownFirst: new Samples(),
    unknownDocument: new Samples(),
    unknownRepeated: new Samples(),
    knownWrongContrast: new Samples(),
  };
  let reference: string | null = null;
  for (let i = 0; i < perGroup; i++) {
    const order = [...ENUM_GROUPS].sort(() => Math.random() - 0.5);
    for (const group of order) {
      const loginId = await createLogin(ctx);
      let document: string;
      let contrast = CONTRAST;
      let borrowed: BenchCitizen | undefined;
      if (group === "knownWarm") {
        borrowed = ctx.pool.take();
        if (!borrowed) throw new Error("the citizen pool ran out during the enumeration phase");
        document = borrowed.document;
      } else if (group === "knownFirst") {
        const fresh = ctx.pool.takeFresh();
        if (!fresh) throw new Error("the citizen pool ran out during the enumeration phase");
        document = fresh.document;
      } else if (group === "unknownDocument") {
        document = makeDni(90_000_000 + i);
      } else if (group === "unknownRepeated") {
        document = makeDni(99_999_999);
      } else {
        document = (all[(i * 7919) % all.length] as BenchCitizen).document;
        contrast = WRONG_CONTRAST;
      }
      const t = performance.now();
      const asked = await ctx.client.post(`/api/logins/${loginId}/pin`, {
        document,
        contrast: { kind: "dni_validity", value: contrast },
        channel: "sms",
      });
      samples[group].add(performance.now() - t);
      if (borrowed) ctx.pool.give(borrowed);
      expectStatus(`Get PIN (${ENUM_LABELS[group]})`, asked, 202);
      reference ??= asked.text;
      if (asked.text !== reference) {
        throw new FunctionalError(
          `Get PIN answers differ by citizen (${ENUM_LABELS[group]}): ${asked.text} vs ${reference}`,
        );
      }
    }
  }
  const groups = {
    knownWarm: samples.knownWarm.summary(),
    knownFirst: samples.knownFirst.summary(),
    unknownDocument: samples.unknownDocument.summary(),
    unknownRepeated: samples.unknownRepeated.summary(),
    knownWrongContrast: samples.knownWrongContrast.summary(),
  };
  const spread = (among: readonly EnumGroup[], pick: (s: Summary) => number) => {
    const v = among.map((g) => pick(groups[g]));
    return round(Math.max(...v) - Math.min(...v), 3);
  };
  const cold = ["knownFirst", "unknownDocument", "knownWrongContrast"] as const;
  return {
    perGroup,
    groups,
    coldSpreadMs: { p50: spread(cold, (s) => s.p50), p99: spread(cold, (s) => s.p99) },
    repeatedUnknownMinusWarmMs: {
      p50: round(groups.unknownRepeated.p50 - groups.knownWarm.p50, 3),
      mean: round(groups.unknownRepeated.mean - groups.knownWarm.mean, 3),
    },
  };
}
