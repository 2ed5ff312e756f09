// The query front-end's syntax tree: tokens nested by parentheses. A node is a source token (it keeps its span:
// start/end offsets, line and column), a parenthesised group, or a `raw` token a transform put in: DuckDB SQL that
// replaces a span of the source and carries the position of the span's first token, so an error the printer maps
// back lands on what the client wrote. Syntax no transform recognises stays as its tokens and passes through.
import type { Token } from "../tokenizer";

export type Group = { kind: "group"; open: Token; close: Token | null; items: Node[] };
export type Node = Token | Group;

export const isGroup = (n: Node | undefined): n is Group => !!n && n.kind === "group";
export const isOp = (n: Node | undefined, op: string): n is Token =>
  !!n && n.kind === "op" && (n as Token).value === op;
export const isKw = (n: Node | undefined, ...words: string[]): n is Token =>
  !!n && n.kind === "ident" && words.includes((n as Token).value.toUpperCase());
export const isName = (n: Node | undefined): n is Token => !!n && (n.kind === "ident" || n.kind === "qident");

/** Nests tokens by parentheses; an unmatched ")" stays a token, an unclosed "(" a group without `close`. */
export function parse(tokens: Token[]): Node[] {
  const top: Node[] = [];
  const stack: Group[] = [];
  const list = () => (stack.length ? stack[stack.length - 1].items : top);
  for (const t of tokens) {
    if (t.kind === "op" && t.value === "(") {
      const g: Group = { kind: "group", open: t, close: null, items: [] };
      list().push(g);
      stack.push(g);
    } else if (t.kind === "op" && t.value === ")" && stack.length) stack.pop()!.close = t;
    else list().push(t);
  }
  return top;
}

/** Back to tokens, in source order (the printer's input). */
export function flatten(nodes: Node[], out: Token[] = []): Token[] {
  for (const n of nodes) {
    if (isGroup(n)) {
      out.push(n.open);
      flatten(n.items, out);
      if (n.close) out.push(n.close);
    } else out.push(n);
  }
  return out;
}

/** The first source token of a node (for positions). */
export const firstToken = (n: Node): Token => (isGroup(n) ? n.open : n);

/**
 * DuckDB SQL standing for source text at `at`. `synthetic`: added text with no source of its own (an alias), so
 * an error there is reported at what follows.
 */
export function raw(sql: string, at: Token, synthetic = false): Token {
  return { ...at, kind: "raw", value: sql, synthetic };
}

/** Applies `fn` to every node list, innermost first (groups' items, then the list holding them). */
export function mapLists(nodes: Node[], fn: (list: Node[], top: boolean) => Node[], top = true): Node[] {
  const inner = nodes.map((n) => (isGroup(n) ? { ...n, items: mapLists(n.items, fn, false) } : n));
  return fn(inner, top);
}

/** The groups' items split at top-level commas (a call's arguments). */
/**
 * Replaces function calls (a name not after ".", then its parenthesised arguments) wherever they are, innermost
 * lists first: `replace` gets the name token and the argument group and returns the nodes standing for the call,
 * or null to leave it as written.
 */
export function replaceCalls(nodes: Node[], replace: (name: Token, args: Group) => Node[] | null): Node[] {
  return mapLists(nodes, (list) => {
    const out: Node[] = [];
    for (let k = 0; k < list.length; k++) {
      const n = list[k];
      const next = list[k + 1];
      const call = n.kind === "ident" && isGroup(next) && !isOp(list[k - 1], ".") ? replace(n, next) : null;
      if (call) {
        out.push(...call);
        k++;
      } else out.push(n);
    }
    return out;
  });
}

export function splitArgs(items: Node[]): Node[][] {
  const args: Node[][] = [[]];
  for (const n of items) {
    if (isOp(n, ",")) args.push([]);
    else args[args.length - 1].push(n);
  }
  return args.length === 1 && args[0].length === 0 ? [] : args;
}

/** Named arguments `NAME => expr` (upper-case names); positional ones under their index. */
export function namedArgs(items: Node[]): Map<string, Node[]> {
  const out = new Map<string, Node[]>();
  splitArgs(items).forEach((arg, k) => {
    if (isName(arg[0]) && isOp(arg[1], "=>")) out.set(arg[0].value.toUpperCase(), arg.slice(2));
    else out.set(String(k), arg);
  });
  return out;
}
