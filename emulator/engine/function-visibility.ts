// What a caller may see of SQL UDFs: which functions (its roles' privileges, or what a share grants) and whether
// their bodies ("when you specify that the UDF … is secure, these details are visible only to … a role that owns
// the function": developer-guide/secure-udf-procedure). Used by SHOW/DESCRIBE FUNCTION, INFORMATION_SCHEMA and GET_DDL.
import type { FunctionMeta, SchemaMeta } from "./catalog";
import type { ExecCtx } from "./context";
import { owns } from "./privileges";
import type { DbView } from "./resolve";

/** Whether the caller may read a function's body: never through a share; a secure one only as its owner. */
export function bodyVisible(ctx: ExecCtx, where: DbView, fn: FunctionMeta): boolean {
  return !where.share && (!fn.secure || owns(ctx, fn.owner));
}

export const signatureOf = (fn: FunctionMeta) => `(${fn.args.map((a) => `${a.name} ${a.sfType}`).join(", ")})`;

/** Functions of a schema the caller may see (its own roles' privileges, or what the share grants). */
export function visibleFunctions(where: DbView, schema: SchemaMeta): FunctionMeta[] {
  const all = Object.values(schema.functions ?? {});
  return where.allows
    ? all.filter((f) => where.allows!("FUNCTION", [where.db.name, schema.name, f.name], f.owner))
    : all;
}
