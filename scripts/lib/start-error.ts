// A start that cannot go on, said in one sentence that tells the developer what to do. The dev, start and
// test scripts print only the message of a StartError (no stack trace); anything else is a bug and keeps its stack.
export class StartError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StartError";
  }
}

/** The first line of an error's message: enough to say what went wrong inside one sentence. */
export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.trim().split("\n")[0] ?? "";
}
