// A start that cannot go on, said in one sentence that tells the developer what to do. The dev, start and
// test scripts print only the message of a StartError (no stack trace); anything else is a bug and keeps its stack.
export class StartError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StartError";
  }
}

/** The first line of an error's message (or its code: Node's AggregateError of a refused connection has no
 *  message): enough to say what went wrong inside one sentence. */
export function firstLine(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const text = error instanceof Error ? error.message || (typeof code === "string" ? code : "") : String(error);
  return text.trim().split("\n")[0] ?? "";
}

/**
 * For a script's top level: a StartError ends the process with its one sentence through `print` (the
 * operator's commands log it, the developer tools print it) and exit code 1; anything else is a bug and
 * keeps its stack.
 */
export async function orExit<T>(start: Promise<T>, print: (sentence: string) => void = console.error): Promise<T> {
  try {
    return await start;
  } catch (error) {
    if (!(error instanceof StartError)) throw error;
    print(error.message);
    process.exit(1);
  }
}
