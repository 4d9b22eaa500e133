/** The published build: ESM for modern runtimes, with declarations; `jose` and `hono` external. */
import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts", hono: "src/hono.ts" },
  format: ["esm"],
  target: "es2022",
  platform: "neutral",
  dts: true,
  clean: true,
  sourcemap: true,
  treeshake: true,
  splitting: true,
  external: ["jose", "hono"],
});
