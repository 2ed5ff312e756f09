// Scheduling for fault scenarios that run side by side. An emulator fault rule picks statements by account
// and SQL text, and some statements have the same text for every request (the entitlement DELETE binds the
// share name; a replication group's refresh serves every share on its path). A scenario that arms a rule
// on such a statement must have that statement to itself while the rule is armed: phases declare the
// statements they send (shared) and the one they fault (exclusive), and are admitted first come, first
// served, unless they conflict with nothing held and nothing queued ahead of them.

type Claim = { shared: Set<string>; exclusive: Set<string> };

const overlaps = (a: Set<string>, b: Set<string>) => [...a].some((k) => b.has(k));
const compatible = (a: Claim, b: Claim) =>
  !overlaps(a.exclusive, b.exclusive) && !overlaps(a.exclusive, b.shared) && !overlaps(a.shared, b.exclusive);

export class StatementLocks {
  private readonly held = new Set<Claim>();
  private readonly waiting: { claim: Claim; admit: () => void }[] = [];

  /** Resolves once admitted; call the returned function to release. Queues synchronously, in call order. */
  acquire(shared: Iterable<string>, exclusive: Iterable<string> = []): Promise<() => void> {
    const ex = new Set(exclusive);
    const claim: Claim = { shared: new Set([...shared].filter((k) => !ex.has(k))), exclusive: ex };
    const release = () => {
      if (this.held.delete(claim)) this.pump();
    };
    return new Promise((resolve) => {
      this.waiting.push({ claim, admit: () => resolve(release) });
      this.pump();
    });
  }

  private pump() {
    const ahead: Claim[] = [];
    for (const entry of [...this.waiting]) {
      if ([...this.held, ...ahead].every((other) => compatible(other, entry.claim))) {
        this.waiting.splice(this.waiting.indexOf(entry), 1);
        this.held.add(entry.claim);
        entry.admit();
      } else {
        ahead.push(entry.claim);
      }
    }
  }
}
