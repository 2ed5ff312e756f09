// The query front-end's printer: prints a Snowflake query (SELECT / WITH, and the bodies of INSERT, DELETE, UPDATE)
// as DuckDB SQL after front/pipeline.ts has run the tree transforms (emulator/engine/transforms/). What is still
// done here, token by token: unquoted identifiers fold to upper case and are quoted, table names resolve to DuckDB
// schemas, views expand from their stored definition (in their owner's naming context, so a view read through a
// share reads the provider's tables while CURRENT_*() keep the consumer's values), casts
// print Snowflake types as DuckDB's; the `raw` tokens transforms put in are printed as they are. Every piece of
// output records the token it came from (the span map of `Rewritten`).
import type { PolicyAttachment, TableMeta } from "./catalog";
import type { ExecCtx } from "./context";
import { errors } from "./errors";
import { duckTable, identValue, quoteIdent, quoteString } from "./identifiers";
import { infoSchemaRelation } from "./information-schema";
import { assertWritable, resolveRelation, type ColumnSource, type DbView, type NameCtx } from "./resolve";
import { boundPolicyBody, policyOf } from "./row-access";
import { tableFunctionCall } from "./table-functions";
import { streamRelationSql } from "./stream-read";
import { udfCallAt, udtfCallAt } from "./udf";
import { simulatedRead } from "./simulated-consumer";
import { parseSfType } from "./sf-types";
import { isWord, significant, tokenize, type Token } from "./tokenizer";
import type { BindCounter } from "./binds";
import { FROM_CLAUSE_END, KEYWORDS } from "./front/keywords";
import { frontEnd } from "./front/pipeline";
import { checkNameCase, newNameBook, noteName, type NameBook } from "./query-names";
import { timestampLiteralText } from "./sf-functions";
import { SnowflakeError } from "./types";
import type { StructuredType } from "./transforms/structured-casts";
import { syntaxAt } from "./query-shape";
import { castToScalarAt, readVariantPath, takeOperand, variantPathSql } from "./variant-path";

export type RewriteEnv = {
  ctx: ExecCtx;
  names: NameCtx;
  command: string;
  depth: number;
  sources: ColumnSource[];
  binds: BindCounter | null;
  /** DML: the first table reference is the write target. */
  writeTarget: boolean;
  /** Top-level query: unaliased expressions get Snowflake's column names. */
  topLevel: boolean;
  /** Set by the rewriter to the table a DML statement writes. */
  written?: TableMeta;
  /**
   * INVOKER_SHARE() here: the share that directly reached the view being expanded, or the object whose row
   * access policy is being evaluated; null at top level and for objects a view reads (reached by the view).
   */
  invokerShare?: string | null;
  /** Set by the structured-casts transform: top-level select items (by position) cast to a structured type. */
  structured?: Map<number, StructuredType>;
};

/**
 * The rewritten SQL with, per emitted piece, its offset and the token of `tokens` it came from (-1: none).
 * `tokens` are the front-end's (source tokens and the transforms' raw ones, which carry their source position).
 */
export type Rewritten = { sql: string; starts: number[]; tokenOf: number[]; tokens: Token[] };

/** A piece of output; `lit` holds a string literal's value (a timestamp cast may respell it). */
type Piece = { text: string; tok: number; lit?: string };

const TABLE_START = new Set(["FROM", "JOIN", "INTO", "UPDATE"]);
// A FROM inside a function call's parentheses (EXTRACT(x FROM y), TRIM(… FROM …)) is no table clause.
type Frame = {
  inFrom: boolean;
  expectTable: boolean;
  cast: boolean;
  call: boolean;
  tableKw?: string;
};
const frameOf = (call = false, cast = false): Frame => ({ inFrom: false, expectTable: false, cast, call });

export function rewriteQuery(tokens: Token[], env: RewriteEnv): string {
  return rewriteQueryMapped(tokens, env).sql;
}

export function rewriteQueryMapped(source: Token[], env: RewriteEnv): Rewritten {
  if (env.depth > 16) throw errors.invalid("View definitions nest too deeply (recursive view?).");
  const tokens = frontEnd(source, env);
  const out: Piece[] = [];
  const ctes = cteNames(tokens);
  const frames: Frame[] = [frameOf()];
  const names: NameBook = newNameBook();
  let writePending = env.writeTarget;
  let i = 0;
  // Synthetic pieces (added aliases) map to -1: an error there is about what follows in the source.
  const emit = (text: string, lit?: string, synthetic = false) => out.push({ text, tok: synthetic ? -1 : i, lit });
  const top = () => frames[frames.length - 1];
  /** Respells the string literal just emitted when it is cast to a timestamp type. */
  const castLiteral = (duck: string) => {
    const last = out[out.length - 1];
    if (last?.lit !== undefined) last.text = quoteString(timestampLiteralText(last.lit, duck));
  };

  while (i < tokens.length) {
    const t = tokens[i];
    const frame = top();
    const upper = t.kind === "ident" ? t.value.toUpperCase() : "";
    if (frame.expectTable && t.kind === "op" && t.value === "(") frame.expectTable = false;
    if (t.kind === "raw") {
      // A transform's output (a table function in FROM, a literal, a renamed function, an alias): printed as is.
      frame.expectTable = false;
      emit(t.value, undefined, t.synthetic);
      i++;
      continue;
    }
    if (frame.expectTable) {
      frame.expectTable = false;
      const call =
        isWord(t, "TABLE") && tokens[i + 1]?.value === "(" ? tableFunctionCall(env, tokens, i, rewriteQuery) : null;
      if (call) {
        emit(call.sql);
        const a = tokens[call.next];
        const aliased =
          isWord(a, "AS") ||
          (!!a && (a.kind === "qident" || (a.kind === "ident" && !KEYWORDS.has(a.value.toUpperCase()))));
        if (!aliased) emit(`AS ${quoteIdent(call.name)}`, undefined, true);
        i = call.next;
        continue;
      }
      const udtf = isWord(t, "TABLE") ? udtfCallAt(tokens, i, env, rewriteQuery) : null;
      if (udtf) {
        emit(udtf.sql);
        env.sources.push(udtf.source);
        const a = tokens[udtf.next];
        const aliased =
          isWord(a, "AS") ||
          (!!a && (a.kind === "qident" || (a.kind === "ident" && !KEYWORDS.has(a.value.toUpperCase()))));
        if (!aliased) emit(`AS ${quoteIdent(udtf.name)}`, undefined, true);
        i = udtf.next;
        continue;
      }
      if (isWord(t, "LATERAL", "TABLE")) throw errors.unsupported(`${upper} in FROM`);
      if (t.kind !== "ident" && t.kind !== "qident") throw syntaxAt(t);
      if (t.kind === "ident" && KEYWORDS.has(upper)) throw syntaxAt(t);
      const parts = [identValue(t)];
      let j = i + 1;
      while (
        tokens[j]?.kind === "op" &&
        tokens[j].value === "." &&
        tokens[j + 1] &&
        (tokens[j + 1].kind === "ident" || tokens[j + 1].kind === "qident")
      ) {
        parts.push(identValue(tokens[j + 1]));
        j += 2;
      }
      if (frame.tableKw !== "INTO" && tokens[j]?.kind === "op" && tokens[j].value === "(")
        throw errors.unsupported(`Table function ${parts.join(".")}`);
      const hasAlias =
        isWord(tokens[j], "AS") ||
        (!!tokens[j] &&
          (tokens[j].kind === "qident" ||
            (tokens[j].kind === "ident" && !KEYWORDS.has(tokens[j].value.toUpperCase()))));
      const name = parts[parts.length - 1];
      if (parts.length === 1 && ctes.has(name)) emit(quoteIdent(name));
      else {
        const replacement = relationSql(parts, env, writePending);
        emit(replacement.sql);
        if (replacement.subquery && !hasAlias) emit(`AS ${quoteIdent(name)}`);
      }
      writePending = false;
      i = j;
      continue;
    }
    const udf = t.kind === "ident" || t.kind === "qident" ? udfCallAt(tokens, i, env, rewriteQuery) : null;
    if (udf) {
      emit(udf.sql);
      i = udf.next;
      continue;
    }
    if (t.kind === "ident") {
      const next = tokens[i + 1];
      const isCall = next?.kind === "op" && next.value === "(";
      const distinctFrom = upper === "FROM" && isWord(tokens[i - 1], "DISTINCT");
      // MERGE … USING <source>: the source is a table reference like FROM's (commands/merge.ts).
      const tableStart = TABLE_START.has(upper) || (upper === "USING" && env.command === "MERGE");
      if (tableStart && !(upper === "UPDATE" && i > 0) && !distinctFrom && !frame.call) {
        frame.inFrom = true;
        frame.expectTable = true;
        frame.tableKw = upper;
        emit(upper);
      } else if (isCall && KEYWORDS.has(upper)) {
        emit(upper === "MINUS" ? "EXCEPT" : upper); // IN (…), EXISTS (…), AS (…): the "(" opens a plain frame
      } else if (isCall) {
        emit(t.value);
        i++;
        emit("(");
        frames.push(frameOf(true, upper === "CAST" || upper === "TRY_CAST"));
        i++;
        continue;
      } else if (KEYWORDS.has(upper)) {
        if (FROM_CLAUSE_END.has(upper)) frame.inFrom = false;
        if (upper === "AS" && frame.cast) {
          const [duck, used] = readType(tokens, i + 1);
          castLiteral(duck);
          emit("AS");
          emit(duck);
          i += 1 + used;
          continue;
        }
        emit(upper === "MINUS" ? "EXCEPT" : upper);
      } else {
        noteName(names, tokens, i);
        emit(quoteIdent(upper));
      }
    } else if (t.kind === "qident") {
      noteName(names, tokens, i);
      emit(quoteIdent(t.value));
    } else if (t.kind === "string") emit(quoteString(t.value), t.value);
    else if (t.kind === "number") emit(t.value);
    // Binds were made literals by transforms/binds.ts.
    else if (t.kind === "op") {
      if (t.value === "::") {
        const [duck, used] = readType(tokens, i + 1);
        castLiteral(duck);
        emit("::" + duck);
        i += 1 + used;
        continue;
      }
      if (t.value === ":") {
        // Semi-structured path access (variant-path.ts): replaces the operand just emitted.
        const path = readVariantPath(tokens, i);
        const operand = path && out.length ? takeOperand(out) : null;
        if (!path || operand === null) throw errors.unsupported("Semi-structured path access (col:field)");
        i += path.used;
        emit(variantPathSql(operand, path.jsonPath, castToScalarAt(tokens, i)));
        continue;
      }
      // "(" after a renamed function (a raw token) opens its call: a FROM inside is no table clause.
      if (t.value === "(") frames.push(frameOf(tokens[i - 1]?.kind === "raw"));
      else if (t.value === ")") {
        if (frames.length > 1) frames.pop();
      } else if (t.value === "," && frame.inFrom) frame.expectTable = true;
      emit(t.value);
    }
    i++;
  }
  // Case-exact column names: checked once per statement, against every relation it resolved (views were
  // checked when created).
  if (env.depth === 0) checkNameCase(names, env.sources, tokens, ctes);
  return { ...joinSql(out), tokens };
}

function relationSql(parts: string[], env: RewriteEnv, forWrite: boolean): { sql: string; subquery: boolean } {
  try {
    return resolvedRelationSql(parts, env, forWrite);
  } catch (e) {
    if (e instanceof SnowflakeError && e.code === "002003") throw errors.missingInQuery(e.message);
    throw e;
  }
}

function resolvedRelationSql(parts: string[], env: RewriteEnv, forWrite: boolean): { sql: string; subquery: boolean } {
  if (parts.length >= 2 && parts[parts.length - 2] === "INFORMATION_SCHEMA") {
    if (forWrite) throw errors.insufficientPrivileges("schema", "INFORMATION_SCHEMA");
    const rel = infoSchemaRelation(env.ctx, env.names, parts, env.command);
    env.sources.push(rel.source);
    return { sql: `(${rel.sql})`, subquery: true };
  }
  const stream = streamRelationSql(parts, env, forWrite, rewriteQuery);
  if (stream) return { sql: stream, subquery: true };
  // A MERGE target needs the privilege of a write; the emulator asks for UPDATE (Snowflake: the clauses' own).
  const need = !forWrite ? "SELECT" : env.command === "MERGE" ? "UPDATE" : env.command;
  const rel = resolveRelation(env.ctx, env.names, parts, env.command, need);
  const dbName = rel.where.localName;
  if (forWrite) {
    assertWritable(rel.where);
    if (rel.kind === "view") throw errors.invalid(`Cannot modify view '${rel.view.name}'.`);
    env.written = rel.table;
  }
  if (rel.kind === "table") {
    env.sources.push({ columns: rel.table.columns, database: dbName, schema: rel.schema.name, table: rel.table.name });
    const sql = duckTable(rel.where.owner.account.locator, rel.where.db.name, rel.schema.name, rel.table.name);
    // A DML target stays a plain table (the emulator applies row access policies to reads only).
    if (!rel.table.rowAccessPolicy || forWrite) return { sql, subquery: false };
    return { sql: withRowAccessPolicy(sql, rel.table.rowAccessPolicy, rel.where, env), subquery: true };
  }
  env.sources.push({ columns: rel.view.columns, database: dbName, schema: rel.schema.name, table: rel.view.name });
  // SIMULATED_DATA_SHARING_CONSUMER: a secure view evaluated as the consumer would (simulated-consumer.ts).
  const simulated = simulatedRead(env.ctx, rel);
  const venv = simulated ? { ...env, ctx: simulated.ctx } : env;
  const where = simulated ? { ...rel.where, share: simulated.share } : rel.where;
  const inner = rewriteQuery(significant(tokenize(rel.view.selectSql)), {
    ...venv,
    names: { locator: rel.where.owner.account.locator, database: rel.where.db.name, schema: rel.schema.name },
    depth: env.depth + 1,
    sources: [],
    binds: null,
    writeTarget: false,
    topLevel: true,
    invokerShare: where.share?.name ?? null,
  });
  const sql = rel.view.columnNames
    ? `(SELECT * FROM (${inner}) AS _floe_v(${rel.view.columnNames.map(quoteIdent).join(", ")}))`
    : `(${inner})`;
  if (!rel.view.rowAccessPolicy) return { sql, subquery: true };
  return { sql: withRowAccessPolicy(sql, rel.view.rowAccessPolicy, where, venv), subquery: true };
}

/** Filters a relation's rows through its row access policy (see row-access.ts). */
function withRowAccessPolicy(
  relationSql: string,
  attachment: PolicyAttachment,
  where: DbView,
  env: RewriteEnv,
): string {
  const policy = policyOf(where.owner, attachment);
  const alias = `_floe_rap${env.depth}`;
  const predicate = rewriteQuery(boundPolicyBody(policy, attachment.columns, alias), {
    ...env,
    names: { locator: where.owner.account.locator, database: attachment.policy[0], schema: attachment.policy[1] },
    depth: env.depth + 1,
    sources: [],
    binds: null,
    writeTarget: false,
    topLevel: false,
    invokerShare: where.share?.name ?? null,
  });
  return `(SELECT * FROM ${relationSql} AS ${quoteIdent(alias)} WHERE (${predicate}))`;
}

/** Reads a Snowflake type name at tokens[i] (e.g. NUMBER(10,2), TIMESTAMP_LTZ, DOUBLE PRECISION). */
function readType(tokens: Token[], i: number): [string, number] {
  let j = i;
  let text = "";
  while (tokens[j]?.kind === "ident" && (j === i || isWord(tokens[j], "PRECISION", "VARYING")))
    text += (text ? " " : "") + tokens[j++].value;
  if (!text) throw syntaxAt(tokens[i] ?? tokens[i - 1]);
  if (tokens[j]?.value === "(") {
    const close = tokens.findIndex((t, k) => k > j && t.kind === "op" && t.value === ")");
    if (close < 0) throw syntaxAt(tokens[j]);
    text += tokens
      .slice(j, close + 1)
      .map((t) => t.value)
      .join("");
    j = close + 1;
  }
  return [parseSfType(text).duck, j - i];
}

function cteNames(tokens: Token[]): Set<string> {
  const names = new Set<string>();
  if (!isWord(tokens[0], "WITH")) return names;
  let depth = 0;
  for (let k = 1; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.value === "(" && t.kind === "op") depth++;
    else if (t.value === ")" && t.kind === "op") depth--;
    else if (depth === 0 && isWord(t, "SELECT")) break;
    else if (depth === 0 && (t.kind === "ident" || t.kind === "qident") && !isWord(t, "RECURSIVE", "AS")) {
      const prev = tokens[k - 1];
      if (isWord(prev, "WITH", "RECURSIVE") || (prev.kind === "op" && prev.value === ",")) names.add(identValue(t));
    }
  }
  return names;
}

function joinSql(pieces: Piece[]): Omit<Rewritten, "tokens"> {
  let s = "";
  const starts: number[] = [];
  for (const { text: p } of pieces) {
    const prev = s[s.length - 1];
    const glue =
      !s ||
      prev === "." ||
      prev === "(" ||
      p === "." ||
      p === ")" ||
      p === "," ||
      p.startsWith("::") ||
      (p === "(" && /[A-Za-z0-9_"]$/.test(s))
        ? ""
        : " ";
    s += glue;
    starts.push(s.length);
    s += p;
  }
  return { sql: s, starts, tokenOf: pieces.map((p) => p.tok) };
}
