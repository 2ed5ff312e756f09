// The CSV upload of an erasure request (the portal's file input, lib/erasure/erasure-csv-upload.ts): one
// identifier per row, up to ERASURE_MAX_SUBJECTS rows. Either one column (a header row naming it — e.g.
// `email` or `external_user_id` — is skipped) or several columns with a header row that names the identifier
// column; several columns without such a header are refused as a whole ("wrong columns"), since we cannot
// tell which one holds the identifier. Every bad row is reported with its line number; every good row is kept
// (nothing is lost to a bad neighbour); blank lines are skipped. Pure: hashes only, identifiers never kept.
import { ERASURE_CSV_MAX_BYTES, ERASURE_MAX_SUBJECTS } from "@/lib/limits";
import { prepareSubjects, type PreparedSubjects } from "./subject-identifiers";

const headerNames = new Set(["external_user_id", "email", "email_address", "id", "identifier", "subject"]);

/** The fields of one CSV line (RFC 4180 quotes: "a,b" and "" for a quote; a quoted newline is not supported). */
export function csvFields(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = "";
    if (line[i] === '"') {
      i++;
      while (i < line.length) {
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += line[i++];
      }
      // Text after a closing quote up to the comma belongs to the field (lenient, as spreadsheets write it).
      while (i < line.length && line[i] !== ",") field += line[i++];
    } else {
      while (i < line.length && line[i] !== ",") field += line[i++];
    }
    fields.push(field);
    if (i >= line.length) return fields;
    i++; // the comma
  }
}

export type ErasureCsvResult = PreparedSubjects & {
  /** Data rows (header and blank lines not counted). */
  rows: number;
  /** A problem with the whole file (empty, too large, wrong columns, too many rows): nothing in it is used. */
  fileError: string | null;
};

const fileProblem = (fileError: string, rows = 0): ErasureCsvResult => ({
  subjects: [],
  duplicates: 0,
  errors: [],
  rows,
  fileError,
});

export function parseErasureCsv(text: string): ErasureCsvResult {
  if (Buffer.byteLength(text, "utf8") > ERASURE_CSV_MAX_BYTES)
    return fileProblem(`The file is larger than ${ERASURE_CSV_MAX_BYTES / (1024 * 1024)} MB.`);
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  const numbered = lines.map((value, i) => ({ line: i + 1, value })).filter((l) => l.value.trim() !== "");
  if (numbered.length === 0) return fileProblem("The file is empty: give one identifier per row.");

  const first = csvFields(numbered[0].value).map((f) => f.trim().toLowerCase());
  const headerColumn = first.findIndex((f) => headerNames.has(f));
  const column = headerColumn === -1 ? 0 : headerColumn;
  const body = headerColumn === -1 ? numbered : numbered.slice(1);
  if (headerColumn === -1 && first.length > 1)
    return fileProblem(
      `Wrong columns: line ${numbered[0].line} has ${first.length} columns and no header naming the identifier column. Give one column, or a header row with a column named email or external_user_id.`,
    );
  if (body.length === 0) return fileProblem("The file has a header row but no identifiers.");
  if (body.length > ERASURE_MAX_SUBJECTS)
    return fileProblem(
      `Too many rows: ${body.length.toLocaleString("en")} identifiers; at most ${ERASURE_MAX_SUBJECTS.toLocaleString("en")} per file (split it into several files).`,
      body.length,
    );
  const prepared = prepareSubjects(body.map((l) => csvFields(l.value)[column] ?? ""));
  // prepareSubjects numbers by position in the list; the brand needs the file's own line numbers.
  const errors = prepared.errors.map((e) => ({ ...e, row: e.row === 0 ? 0 : body[e.row - 1].line }));
  return { ...prepared, errors, rows: body.length, fileError: null };
}
