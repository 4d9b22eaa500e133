import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  schema: "./worker/src/storage/libsql/schema.ts",
  out: "./migrations",
});
