/**
 * The SDK's unit tests on their own (`npm run -w sdk test`); the root config runs the same
 * files as its "sdk" project.
 */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "sdk",
    environment: "node",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
  },
});
