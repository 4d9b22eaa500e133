/** Wire shapes of the operators' citizen routes (citizen-routes.ts); OpenAPI is generated from these. */
import * as z from "zod";

export const StandingRequest = z
  .strictObject({
    operator: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .describe("Who acts: the operator's name or staff id, kept in the audit log"),
    reason: z.string().trim().min(1).max(500).describe("Why, kept in the audit log"),
  })
  .meta({ id: "StandingRequest" });

export const Suspended = z
  .object({
    id: z.string(),
    status: z.literal("suspended"),
    sessionsEnded: z.number().int().describe("Single sign-on sessions ended"),
    grantsRevoked: z.number().int().describe("Grants revoked: their access and refresh tokens"),
  })
  .meta({ id: "Suspended" });

export const Reinstated = z
  .object({ id: z.string(), status: z.literal("active") })
  .meta({ id: "Reinstated" });
