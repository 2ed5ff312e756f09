// Input of the console's acknowledge action. No server imports: the client form shares it.
import "@/lib/zod-without-eval";
import { z } from "zod";

export const acknowledgeAlertSchema = z.object({
  alertId: z.string().trim().min(1, "Missing id.").max(100, "Invalid id."),
});
