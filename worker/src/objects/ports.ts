/**
 * The Durable Objects as ports: the app talks to `CitizenChallenges` and `LoginTransactions`,
 * not to namespaces, so its dependencies stay visible in `createApp` and its handlers read as
 * calls on domain objects. Each port method is one RPC to one object.
 */
import type { IssueInput, VerifyInput } from "../methods/pin/pin-challenge.ts";
import type { CitizenObject, IssueOutcome, VerifyOutcome } from "./citizen-object.ts";
import type { LoginObject } from "./login-object.ts";

export interface CitizenChallenges {
  issuePin(citizenKey: string, input: IssueInput & { decoy: boolean }): Promise<IssueOutcome>;
  verifyPin(citizenKey: string, input: VerifyInput): Promise<VerifyOutcome>;
}

type LoginObjectApi = Pick<
  LoginObject,
  "start" | "get" | "requestPin" | "pinTarget" | "authenticate"
>;
type Promised<T> = {
  [K in keyof T]: T[K] extends (...a: infer A) => infer R ? (...a: A) => Promise<R> : never;
};

/** One login transaction's object, by transaction id. */
export interface LoginTransactions {
  get(loginId: string): Promised<LoginObjectApi>;
}

export const citizenChallenges = (ns: DurableObjectNamespace<CitizenObject>): CitizenChallenges => {
  const stub = (key: string) => ns.get(ns.idFromName(key));
  return {
    issuePin: (key, input) => stub(key).issuePin(input) as Promise<IssueOutcome>,
    verifyPin: (key, input) => stub(key).verifyPin(input) as Promise<VerifyOutcome>,
  };
};

export const loginTransactions = (ns: DurableObjectNamespace<LoginObject>): LoginTransactions => ({
  get: (loginId) => ns.get(ns.idFromName(loginId)) as unknown as Promised<LoginObjectApi>,
});
