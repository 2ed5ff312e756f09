import "server-only";
import { getConfig } from "@/lib/config";
import { secretProblemMessage, secretRefPolicyProblem } from "@/lib/secrets/secret-ref";
import { providerAccountSchema } from "./admin.schema";

// The provider-account form's schema on the server: the shared shape plus this deployment's secret policy
// (FLOE_SECRETS_DIR, FLOE_SECRET_ENV_PREFIX). Lexical only: saving never reveals what exists on disk.
export const providerAccountServerSchema = providerAccountSchema.superRefine((input, ctx) => {
  const policy = getConfig().secretPolicy;
  if (typeof input.secretRef !== "string") return;
  const problem = secretRefPolicyProblem(input.secretRef, policy);
  // "unsupported" is the shared schema's shape error already: say it once.
  if (problem && problem !== "unsupported")
    ctx.addIssue({ code: "custom", path: ["secretRef"], message: secretProblemMessage(problem, policy) });
});
