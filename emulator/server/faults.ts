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
      if (rule.re && request.target === "query" && !rule.re.test(request.sqlText ?? "")) continue;
      if (rule.remaining !== null) rule.remaining--;
      rule.hits++;
      return strip(rule);
    }
    return null;
  }
}

function strip(rule: ActiveRule & { re?: RegExp }): ActiveRule {
  const { re: _re, ...rest } = rule;
  return { ...rest };
}
