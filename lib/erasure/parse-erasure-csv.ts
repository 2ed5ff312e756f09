// The CSV upload of an erasure request: one identifier per row (first column; a header row naming
// `external_user_id`, `email`, `id` or `identifier` is skipped), up to ERASURE_MAX_SUBJECTS rows. Every bad
// row is reported with its row number; good rows are all kept (nothing is lost to a bad neighbour). Pure.
import { ERASURE_CSV_MAX_BYTES, ERASURE_MAX_SUBJECTS } from "@/lib/limits";
import { prepareSubjects, type PreparedSubjects } from "./subject-identifiers";

const headerNames = new Set(["external_user_id", "email", "email_address", "id", "identifier", "subject"]);

/** First field of a CSV line (RFC 4180 quotes: "a,b" and "" for a quote). */
function firstField(line: string): string {
  if (!line.startsWith('"')) return line.split(",")[0];
  let out = "";
  for (let i = 1; i < line.length; i++) {
    if (line[i] === '"') {
      if (line[i + 1] === '"') {
        out += '"';
        i++;
      } else return out;
    } else out += line[i];
  }
  return out; // unterminated quote: the rest of the line
}

export function parseErasureCsv(text: string): PreparedSubjects & { rows: number } {
  if (Buffer.byteLength(text, "utf8") > ERASURE_CSV_MAX_BYTES)
    return { subjects: [], duplicates: 0, rows: 0, errors: [{ row: 0, message: "The file is larger than 8 MB." }] };
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1].trim() === "") lines.pop();
  const start = lines.length > 0 && headerNames.has(firstField(lines[0]).trim().toLowerCase()) ? 1 : 0;
  const body = lines.slice(start);
  if (body.length > ERASURE_MAX_SUBJECTS)
    return {
      subjects: [],
      duplicates: 0,
      rows: body.length,
      errors: [{ row: 0, message: `At most ${ERASURE_MAX_SUBJECTS.toLocaleString("en")} rows per file.` }],
    };
  const prepared = prepareSubjects(
    body.map((l) => firstField(l)),
    start + 1,
  );
  return { ...prepared, rows: body.length };
}
