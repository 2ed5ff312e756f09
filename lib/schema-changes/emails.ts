// The schema-change mail a brand's owners get (lib/schema-changes/announce.ts). Pure apart from the config read
// for the portal's URL.
import { getConfig } from "@/lib/config";
import { kindLabel } from "./policy";

type NoticeForMail = {
  datasetKey: string;
  viewName: string;
  piiViewOnly: boolean;
  columnName: string;
  kind: keyof typeof kindLabel;
  classification: "ADDITIVE" | "BREAKING";
  description: string;
  effectiveAt: Date;
};

/** A dataset's changelog page in the portal. */
export function changelogPageUrl(
  orgSlug: string,
  datasetKey: string,
  base = getConfig().NEXTAUTH_URL ?? "http://localhost:3000",
) {
  const url = new URL(`/o/${encodeURIComponent(orgSlug)}/catalog/${encodeURIComponent(datasetKey)}/changelog`, base);
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error("NEXTAUTH_URL must be an http(s) URL");
  return url.toString();
}

export function schemaChangeEmail(input: {
  phase: "ANNOUNCED" | "APPLIED";
  notices: NoticeForMail[];
  shares: string[];
  orgSlug: string;
  /** The portal's base URL (default NEXTAUTH_URL). */
  baseUrl?: string;
}): { subject: string; text: string } {
  const breaking = input.notices.filter((n) => n.classification === "BREAKING");
  const from = breaking.length ? new Date(Math.max(...breaking.map((n) => n.effectiveAt.getTime()))) : null;
  const subject = from
    ? `Breaking change to your shared data from ${from.toISOString().slice(0, 10)}`
    : "New columns in your shared data";
  const lines = input.notices.map(
    (n) =>
      `- ${n.viewName}${n.piiViewOnly ? "_ALL" : ""}.${n.columnName}: ${kindLabel[n.kind]} (${n.classification.toLowerCase()}${n.classification === "BREAKING" ? `, from ${n.effectiveAt.toISOString().slice(0, 10)}` : ""}). ${n.description}`,
  );
  const datasets = [...new Set(input.notices.map((n) => n.datasetKey))];
  return {
    subject,
    text: [
      from
        ? `Floe will change the shared views below on or after ${from.toISOString().slice(0, 10)}. Queries that name a removed, renamed or retyped column will fail after that date: please update them before.`
        : "The shared views below gained columns. Queries that name their columns keep working; SELECT * returns the new columns too.",
      lines.join("\n"),
      `Affected shares: ${input.shares.join(", ") || "—"}`,
      ...datasets.map((d) => `Changelog: ${changelogPageUrl(input.orgSlug, d, input.baseUrl)}`),
      "How Floe classifies changes: additive (new columns) apply at once; breaking (removed, renamed or retyped columns) are announced 30 days ahead.",
    ].join("\n\n"),
  };
}
