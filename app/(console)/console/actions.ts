"use server";

import { accountManagerAction, adminAction, authedAction, orgScopedAction } from "@/lib/actions/safe-action";
import { createConsoleActions } from "@/lib/console/console-actions";

// The console's server actions, wired to the real session. Definitions (schema, guard, command) live in
// lib/console/console-actions.ts so tests can build the same actions with an injected session.
const actions = createConsoleActions({ accountManagerAction, adminAction, authedAction, orgScopedAction });

export const approveRequestAction = actions.approveRequestAction;
export const rejectRequestAction = actions.rejectRequestAction;
export const retryRunAction = actions.retryRunAction;
export const cancelRunAction = actions.cancelRunAction;
export const revokeShareAction = actions.revokeShareAction;
export const waiveProofAction = actions.waiveProofAction;
export const reapplyShareAction = actions.reapplyShareAction;
export const previewShareAction = actions.previewShareAction;
export const updateProviderAccountAction = actions.updateProviderAccountAction;
export const grantAccountManagerAction = actions.grantAccountManagerAction;
export const revokeAccountManagerAction = actions.revokeAccountManagerAction;
export const allowSsoLinkAction = actions.allowSsoLinkAction;
export const acknowledgeAlertAction = actions.acknowledgeAlertAction;
