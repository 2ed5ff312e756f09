// The part of autocannon 9's API the portal bench uses (the package ships no types).
declare module "autocannon" {
  import type { EventEmitter } from "node:events";

  namespace autocannon {
    type Options = { url: string; connections?: number; duration?: number; headers?: Record<string, string> };
    type Result = { requests: { total: number; average: number }; non2xx: number; errors: number; timeouts: number };
  }
  function autocannon(
    options: autocannon.Options,
    done: (error: Error | null, result: autocannon.Result) => void,
  ): EventEmitter;
  export default autocannon;
}
