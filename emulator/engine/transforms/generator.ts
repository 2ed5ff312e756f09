// Generated rows: `TABLE(GENERATOR(ROWCOUNT => n [, TIMELIMIT => s]))` is n rows of no useful columns
// (https://docs.snowflake.com/en/sql-reference/functions/generator), read with the data-generation functions:
// SEQ1/SEQ2/SEQ4/SEQ8 (https://docs.snowflake.com/en/sql-reference/functions/seq1: increasing integers from 0;
// here the row's number in the result), UNIFORM(min, max, gen) and RANDOM() (function-macros.ts). A TIMELIMIT alone
// (rows for s seconds) is not modelled: the emulator stops at ROWCOUNT.
import { errors } from "../errors";
import {
  firstToken,
  isGroup,
  isKw,
  isOp,
  mapLists,
  namedArgs,
  raw,
  splitArgs,
  type Group,
  type Node,
} from "../front/tree";
import type { Token } from "../tokenizer";
import type { Transform } from "./transform";

/** An integer constant (optionally negative): UNIFORM's integer form. */
const isIntConstant = (arg: Node[]) => {
  const n = arg[arg.length - 1] as Token | undefined;
  const signed = arg.length === 2 && (isOp(arg[0], "-") || isOp(arg[0], "+"));
  return (arg.length === 1 || signed) && n?.kind === "number" && /^\d+$/.test(n.value);
};

function generatorRows(at: Token, args: Group): Node[] {
  const named = namedArgs(args.items);
  for (const key of named.keys())
    if (key !== "ROWCOUNT" && key !== "TIMELIMIT") throw errors.invalid(`GENERATOR: unknown argument ${key}.`);
  const rowcount = named.get("ROWCOUNT");
  if (!rowcount?.length) throw errors.unsupported("GENERATOR without ROWCOUNT");
  return [
    raw('(SELECT NULL AS "_FLOE_GENERATED" FROM range(coalesce(CAST((', at),
    ...rowcount,
    // "generator(ROWCOUNT => null) generates 0 rows".
    raw(") AS BIGINT), 0)))", firstToken(rowcount[0])),
  ];
}

export const generator: Transform = {
  name: "GENERATOR and data-generation functions",
  apply(nodes) {
    return mapLists(nodes, (list) => {
      const out: Node[] = [];
      for (let k = 0; k < list.length; k++) {
        const n = list[k];
        const next = list[k + 1];
        const upper = n.kind === "ident" && !isOp(list[k - 1], ".") ? (n as Token).value.toUpperCase() : "";
        if (upper === "TABLE" && isGroup(next) && next.items.length === 2 && isKw(next.items[0], "GENERATOR")) {
          const call = next.items[1];
          if (isGroup(call)) {
            out.push(...generatorRows(n as Token, call));
            k++;
            continue;
          }
        }
        if (!isGroup(next) || !upper) {
          out.push(n);
          continue;
        }
        if (/^SEQ[1248]$/.test(upper)) {
          out.push(raw("(row_number() OVER () - 1)", n as Token));
          k++;
        } else if (upper === "RANDOM") {
          // RANDOM(seed): the seed is not modelled (the values are not repeatable).
          out.push(raw("sf_random()", n as Token));
          k++;
        } else if (upper === "UNIFORM") {
          const args = splitArgs(next.items);
          const integer = args.length === 3 && isIntConstant(args[0]) && isIntConstant(args[1]);
          out.push(raw(integer ? "sf_uniform_int" : "sf_uniform_float", n as Token), next);
          k++;
        } else out.push(n);
      }
      return out;
    });
  },
};
