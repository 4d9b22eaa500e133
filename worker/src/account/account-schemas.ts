/** Wire shapes of the citizen's area (account-routes.ts). */
import * as z from "zod";

export const ChangePasswordRequest = z
  .strictObject({
    currentPassword: z.string().min(1).max(1024),
    newPassword: z.string().min(1).max(1024),
  })
  .meta({ id: "ChangePasswordRequest" });
