"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormField, describedBy } from "@/components/ui/form-field";
import { Notice } from "@/components/ui/notice";
import { ErasureWorkspaceSelect } from "./erasure-workspace-select";
import { ERASURE_CSV_MAX_BYTES, ERASURE_MAX_SUBJECTS } from "@/lib/limits";

type RowError = { line: number; message: string };
type Answer =
  | { filed: true; id: string }
  | { filed: false; rows: number; valid: number; duplicates: number; invalidRows: number; errors: RowError[] };

const MB = ERASURE_CSV_MAX_BYTES / (1024 * 1024);

/** POSTs the file with XMLHttpRequest: fetch cannot report upload progress. Resolves with status and JSON. */
function send(url: string, file: File, onProgress: (fraction: number) => void) {
  return new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("Content-Type", "text/csv");
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON (a proxy's error page): the status alone is reported
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new Error("network"));
    xhr.send(file);
  });
}

/**
 * The CSV upload beside the erasure form: up to 100,000 identifiers in one file. The route lists bad rows by
 * line and files nothing until the brand chooses to file the valid rows alone (or fixes the file and
 * uploads it again); the same file twice is the same request (the server derives the key from its content).
 */
export function ErasureCsvUpload({
  uploadUrl,
  receiptBase,
  workspaces,
}: {
  /** The upload route of this organisation. */
  uploadUrl: string;
  receiptBase: string;
  workspaces: { id: string; name: string }[];
}) {
  const [file, setFile] = useState<File | null>(null);
  const [workspaceId, setWorkspaceId] = useState("");
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<Extract<Answer, { filed: false }> | null>(null);
  const router = useRouter();
  const id = useId();
  const busy = progress !== null;

  async function upload(skipInvalid: boolean) {
    setError(null);
    if (!file) return setError("Choose a CSV file first.");
    if (file.size === 0) return setError("The file is empty: give one identifier per row.");
    if (file.size > ERASURE_CSV_MAX_BYTES)
      return setError(`The file is larger than ${MB} MB: split it into several files.`);
    const query = new URLSearchParams();
    if (workspaceId) query.set("workspaceId", workspaceId);
    if (skipInvalid) query.set("skipInvalid", "1");
    setProgress(0);
    try {
      const { status, body } = await send(`${uploadUrl}?${query}`, file, setProgress);
      if (status === 200 || status === 201) {
        router.push(`${receiptBase}${(body as { id: string }).id}`);
        return; // the page changes; keep the progress showing until it does
      }
      setProgress(null);
      if (status === 422) {
        setReport(body as Extract<Answer, { filed: false }>);
        return;
      }
      setReport(null);
      const message = (body as { error?: { message?: string } } | null)?.error?.message;
      setError(
        status === 413
          ? `The file is larger than ${MB} MB: split it into several files.`
          : (message ?? `The upload failed (HTTP ${status}). Try again.`),
      );
    } catch {
      setProgress(null);
      setError("The upload did not reach Floe (network error). Check your connection and try again.");
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void upload(false);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-busy={busy}>
      {error ? (
        <Notice tone="danger" live title="The file was not filed">
          {error}
        </Notice>
      ) : null}
      <FormField
        id={`${id}-file`}
        label="CSV file"
        hint={`One identifier per row: the only column, or the column headed email or external_user_id. Up to ${ERASURE_MAX_SUBJECTS.toLocaleString("en")} rows, ${MB} MB.`}
      >
        <input
          id={`${id}-file`}
          name="file"
          type="file"
          accept=".csv,text/csv"
          disabled={busy}
          aria-describedby={describedBy(`${id}-file`, { hint: true })}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setReport(null);
            setError(null);
          }}
          className="w-full max-w-full text-sm file:mr-3 file:min-h-10 file:rounded-md file:border file:border-border file:bg-surface file:px-3 file:text-sm"
        />
      </FormField>
      <ErasureWorkspaceSelect
        id={`${id}-ws`}
        workspaces={workspaces}
        value={workspaceId}
        onChange={setWorkspaceId}
        disabled={busy}
      />
      {busy ? (
        <div role="status" aria-live="polite" className="space-y-1 text-sm">
          <label htmlFor={`${id}-progress`}>
            {progress < 1 ? `Uploading… ${Math.round(progress * 100)}%` : "Checking the file…"}
          </label>
          <progress id={`${id}-progress`} value={progress} max={1} className="block h-2 w-full" />
        </div>
      ) : null}
      {report ? (
        <div className="space-y-3" aria-live="polite">
          <Notice
            tone="warning"
            title={`${report.invalidRows.toLocaleString("en")} row(s) need fixing; nothing was filed`}
          >
            {report.valid.toLocaleString("en")} of {report.rows.toLocaleString("en")} rows hold a valid identifier
            {report.duplicates > 0 ? ` (${report.duplicates.toLocaleString("en")} duplicates counted once)` : ""}. Fix
            the file and choose it again, or file the valid ones now.
          </Notice>
          <ul
            aria-label="Rejected lines"
            className="max-h-64 overflow-y-auto rounded-md border border-border p-2 font-mono text-xs"
            tabIndex={0}
          >
            {report.errors.map((e) => (
              <li key={e.line}>
                Line {e.line}: {e.message}
              </li>
            ))}
            {report.invalidRows > report.errors.length ? (
              <li>… and {(report.invalidRows - report.errors.length).toLocaleString("en")} more</li>
            ) : null}
          </ul>
          {report.valid > 0 ? (
            <Button type="button" disabled={busy} onClick={() => void upload(true)}>
              File the {report.valid.toLocaleString("en")} valid identifier(s)
            </Button>
          ) : null}
        </div>
      ) : null}
      <Button type="submit" variant={report ? "secondary" : "primary"} disabled={busy}>
        {busy ? "Uploading…" : "Upload and erase"}
      </Button>
    </form>
  );
}
