// Peak resident memory of a process and its descendants (tsx and `next start` run the real program in a
// child process), sampled from /proc every 200 ms. VmHWM (the kernel's own high-water mark per process) is
// read too, at every sample, so a spike between samples is not lost for the largest process.
import fs from "node:fs";

function childrenOf(): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const list = map.get(ppid) ?? [];
      list.push(Number(entry));
      map.set(ppid, list);
    } catch {
      // the process ended while we looked
    }
  }
  return map;
}

function treeOf(root: number): number[] {
  const children = childrenOf();
  const out: number[] = [];
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    out.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
}

function statusKb(pid: number, field: "VmRSS" | "VmHWM"): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

export type RssReport = {
  label: string;
  samples: number;
  peakTreeRssMb: number;
  peakProcessHwmMb: number;
  lastTreeRssMb: number;
};

export class RssSampler {
  private timer: NodeJS.Timeout | undefined;
  private peakTree = 0;
  private peakHwm = 0;
  private last = 0;
  private count = 0;

  constructor(
    readonly label: string,
    private readonly pid: () => number | undefined,
    private readonly everyMs = 200,
  ) {}

  start(): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.everyMs);
    this.timer.unref();
    return this;
  }

  sample(): void {
    const root = this.pid();
    if (!root) return;
    const pids = treeOf(root);
    const total = pids.reduce((sum, pid) => sum + statusKb(pid, "VmRSS"), 0);
    const hwm = Math.max(0, ...pids.map((pid) => statusKb(pid, "VmHWM")));
    this.count++;
    this.last = total;
    this.peakTree = Math.max(this.peakTree, total);
    this.peakHwm = Math.max(this.peakHwm, hwm);
  }

  stop(): RssReport {
    this.sample();
    if (this.timer) clearInterval(this.timer);
    const mb = (kb: number) => Math.round((kb / 1024) * 10) / 10;
    return {
      label: this.label,
      samples: this.count,
      peakTreeRssMb: mb(this.peakTree),
      peakProcessHwmMb: mb(this.peakHwm),
      lastTreeRssMb: mb(this.last),
    };
  }
}
