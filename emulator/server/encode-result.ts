// Turns the engine's StatementResult into the `data` object of a successful query answer
// (PROTOCOL.md "Query" success). Always inline JSON: the Node SDK cannot read Arrow.
import type { ResultColumn, StatementResult } from "../engine/types";
import { encodeCell } from "./encode-cell";
import { answerParameters } from "./wire";

const TEXT_LENGTH = 16_777_216;
const BINARY_LENGTH = 8_388_608;

export type RowType = {
  name: string;
  database: string;
  schema: string;
  table: string;
  nullable: boolean;
  type: string;
  precision: number | null;
  scale: number | null;
  length: number | null;
  byteLength: number | null;
  collation: null;
  fields?: ResultColumn["fields"];
};

/** Realistic metadata defaults (fixed 38/0, text 16 MB, timestamps scale 9) where the engine leaves them out. */
export function rowTypeOf(column: ResultColumn): RowType {
  const t = column.type;
  const isTime = t === "time" || t.startsWith("timestamp");
  const isText = t === "text" || t === "variant" || t === "object" || t === "array" || t === "map";
  const length = column.length ?? (isText ? TEXT_LENGTH : t === "binary" ? BINARY_LENGTH : null);
  return {
    name: column.name,
    database: column.database ?? "",
    schema: column.schema ?? "",
    table: column.table ?? "",
    nullable: column.nullable,
    type: t,
    precision: t === "fixed" ? (column.precision ?? 38) : isTime ? 0 : null,
    scale: t === "fixed" ? (column.scale ?? 0) : isTime ? (column.scale ?? 9) : null,
    length,
    // Snowflake reports up to 4 bytes per character for text.
    byteLength: isText
      ? column.length
        ? Math.min(column.length * 4, TEXT_LENGTH)
        : length
      : t === "binary"
        ? length
        : null,
    collation: null,
    ...(column.fields ? { fields: column.fields } : {}),
  };
}

export type QueryData = Record<string, unknown> & { queryId: string; rowset: (string | null)[][]; total: number };

export function encodeResult(
  result: StatementResult,
  queryId: string,
  opts: { timezone: string; sessionParameters?: Record<string, string>; numberOfBinds: number; describeOnly?: boolean },
): QueryData {
  // TIMESTAMP_TZ values without a written offset take the session zone's offset, as Snowflake's do.
  const zone = opts.sessionParameters?.TIMEZONE ?? opts.timezone;
  const rowtype = result.columns.map(rowTypeOf);
  const rowset = opts.describeOnly
    ? []
    : result.rows.map((row) =>
        rowtype.map((col, i) => encodeCell(row[i], result.columns[i].type, col.scale ?? 0, zone)),
      );
  return {
    parameters: answerParameters(opts.sessionParameters, opts.timezone),
    rowtype,
    rowset,
    // The SDK fetches rows up to `returned`; everything is inline, so both equal the row count.
    total: rowset.length,
    returned: rowset.length,
    queryId,
    databaseProvider: null,
    finalDatabaseName: result.finalDatabase,
    finalSchemaName: result.finalSchema,
    finalWarehouseName: result.finalWarehouse,
    finalRoleName: result.finalRole,
    numberOfBinds: opts.numberOfBinds,
    arrayBindSupported: false,
    statementTypeId: result.statementTypeId,
    version: 1,
    sendResultTime: Date.now(),
    queryResultFormat: "json",
  };
}

/** The parent answer of a multi-statement request: the SDK then GETs /queries/<id>/result per child. */
export function encodeMultiParent(
  parentId: string,
  children: { queryId: string; statementTypeId: number }[],
  last: StatementResult,
  timezone: string,
  sessionParameters?: Record<string, string>,
): QueryData {
  return {
    parameters: answerParameters(sessionParameters, timezone),
    rowtype: [rowTypeOf({ name: "multiple statement execution", type: "text", nullable: true })],
    rowset: [["Multiple statements executed successfully."]],
    total: 1,
    returned: 1,
    queryId: parentId,
    resultIds: children.map((c) => c.queryId).join(","),
    resultTypes: children.map((c) => String(c.statementTypeId)).join(","),
    finalDatabaseName: last.finalDatabase,
    finalSchemaName: last.finalSchema,
    finalWarehouseName: last.finalWarehouse,
    finalRoleName: last.finalRole,
    numberOfBinds: 0,
    arrayBindSupported: false,
    statementTypeId: 0x1000,
    version: 1,
    queryResultFormat: "json",
  };
}
