/** The production bundle built once for the node project (bundle.global-setup.ts). */
import { inject } from "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    /** Path of the bundle's entry module, index.js. */
    bundle: string;
  }
}

/**
 * @example await startStack({ bundle: testBundle(), port: 0, accounts, vars });
 */
export const testBundle = (): string => inject("bundle");
