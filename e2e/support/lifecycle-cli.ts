// Runs lib/ commands for browser tests in a child process (see lifecycle.ts for why), started as
//   node --conditions=react-server --import tsx e2e/support/lifecycle-cli.ts <command> <json>
// and prints one line of JSON. Uses DATABASE_URL like the server under test.
import { createApiToken } from "@/lib/api/api-tokens";
import { db } from "@/lib/db";
import { approveAndProvision } from "@/lib/provisioning/provision-commands";
import { stopBoss } from "@/lib/provisioning/queue";
import { submitShareRequest, type SubmitShareRequestOptions } from "@/lib/requests/submit-share-request";

const [command, payload = "{}"] = process.argv.slice(2);
const input = JSON.parse(payload) as Record<string, unknown>;

async function main(): Promise<unknown> {
  switch (command) {
    case "approve": {
      const approver = await db.user.findUniqueOrThrow({
        where: { email: String(input.approverEmail ?? "amelia@floe.example") },
        select: { id: true },
      });
      return approveAndProvision({ requestId: String(input.requestId), approverId: approver.id });
    }
    case "submit":
      return submitShareRequest(input as unknown as SubmitShareRequestOptions);
    case "create-api-token":
      return createApiToken(input as unknown as Parameters<typeof createApiToken>[0]);
    default:
      throw new Error(`Unknown command ${command}`);
  }
}

try {
  console.log(JSON.stringify(await main()));
  await stopBoss();
  process.exit(0);
} catch (error) {
  console.error(error);
  process.exit(1);
}
