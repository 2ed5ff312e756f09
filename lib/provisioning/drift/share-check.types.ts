// What a hands-on drift check answers (staff "Re-apply", brand "Check my share"). Pure, for the UI.

export type ShareCheckStatus = "clean" | "repairing" | "busy" | "unrepaired" | "not_active";

export type ShareCheckView = {
  status: ShareCheckStatus;
  /** What differs, one line each (empty when the share matches its plan). */
  problems: string[];
  runId: string | null;
  checkedAt: string;
};

/** One sentence per outcome, the same words on both sides. */
export function describeShareCheck(view: ShareCheckView): { tone: "success" | "info" | "warning"; text: string } {
  switch (view.status) {
    case "clean":
      return { tone: "success", text: "The share in Snowflake matches its approved plan." };
    case "repairing":
      return {
        tone: "info",
        text: "Floe found parts of the share out of step with its plan and is putting them back now (a repair run).",
      };
    case "busy":
      return { tone: "info", text: "Floe is working on this share right now; check again when that run has finished." };
    case "unrepaired":
      return {
        tone: "warning",
        text: "The share differs from its plan in a way Floe cannot fix by itself; account managers have been told.",
      };
    case "not_active":
      return { tone: "info", text: "Only an active share can be checked." };
  }
}
