// Fault injection state: a global latency plus ordered rules; the first active rule that matches a
// request applies, and `times` counts down so a test can say "fail the next 2, then succeed".
import { randomUUID } from "node:crypto";
import type { RequestKind } from "./concurrency";
import {
  faultConfigSchema,
  faultRuleSchema,
  type FaultConfigInput,
  type FaultRule,
  type FaultRuleInput,
} from "./fault-schema";

export type ActiveRule = FaultRule & { id: string; remaining: number | null; hits: number };
export type FaultSnapshot = { latencyMs: number; rules: ActiveRule[] };
export type FaultRequest = {
  target: RequestKind;
  sqlText?: string;
  accounts: string[];
  /** Only rules of these kinds (a statement inside a block can meet an error or a delay, not an HTTP fault). */
  kinds?: FaultRule["kind"][];
};

export class FaultStore {
  private latency = 0;
  private rules: (ActiveRule & { re?: RegExp })[] = [];

  /** Replaces everything (PUT /__emulator/faults). Throws ZodError on bad input. */
  set(input: FaultConfigInput): FaultSnapshot {
    const config = faultConfigSchema.parse(input);
    this.latency = config.latencyMs;
    this.rules = [];
    for (const rule of config.rules) this.add(rule);
    return this.snapshot();
  }

  add(input: FaultRuleInput): ActiveRule {
    const rule = faultRuleSchema.parse(input);
    const active = {
      ...rule,
      id: rule.id ?? randomUUID(),
      remaining: rule.times ?? null,
      hits: 0,
      re: rule.sqlPattern ? new RegExp(rule.sqlPattern, "is") : undefined,
    };
    this.rules.push(active);
    return strip(active);
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length < before;
  }

  setLatency(ms: number): void {
    this.latency = faultConfigSchema.shape.latencyMs.parse(ms);
  }

  get latencyMs(): number {
    return this.latency;
  }

  clear(): void {
    this.latency = 0;
    this.rules = [];
  }

  snapshot(): FaultSnapshot {
    return { latencyMs: this.latency, rules: this.rules.map(strip) };
  }

  /** Finds the rule for a request and consumes one of its `times`. */
  take(request: FaultRequest): ActiveRule | null {
    const accounts = request.accounts.map((a) => a.toUpperCase());
    for (const rule of this.rules) {
      if (rule.remaining === 0 || rule.target !== request.target) continue;
      if (request.kinds && !request.kinds.includes(rule.kind)) continue;
      if (rule.account && !accounts.includes(rule.account.toUpperCase())) continue;
      if (rule.re && request.target === "query") {
        // A pattern aims at a statement. A Snowflake Scripting block's request carries many statements: an error
        // or delay rule fires on the statement inside the block (script-faults.ts asks with `kinds`), so the
        // failure lands on the statement it aims at, as Snowflake's would, not on the whole block. Transport
        // rules (HTTP errors, drops) have no statement to land on: they still match the block's request.
        if (!request.kinds && IN_BLOCK_KINDS.includes(rule.kind) && isScriptingBlock(request.sqlText ?? "")) continue;
        if (!rule.re.test(request.sqlText ?? "")) continue;
      }
      if (rule.remaining !== null) rule.remaining--;
      rule.hits++;
      return strip(rule);
    }
    return null;
  }
}

/** The rule kinds a statement inside a block can meet (script-faults.ts). */
const IN_BLOCK_KINDS: FaultRule["kind"][] = ["snowflake_error", "latency"];

/** An anonymous block sent as one statement (EXECUTE IMMEDIATE $$…$$, or one that starts with DECLARE). Not BEGIN:
 * alone it is also BEGIN TRANSACTION. */
function isScriptingBlock(sqlText: string): boolean {
  return /^\s*(EXECUTE\s+IMMEDIATE\s+\$\$|DECLARE\b)/i.test(sqlText);
}

function strip(rule: ActiveRule & { re?: RegExp }): ActiveRule {
  const { re: _re, ...rest } = rule;
  return { ...rest };
}
