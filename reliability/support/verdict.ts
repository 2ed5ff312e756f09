// What a hostile call came back with, read the same way for actions and route handlers: refused or not,
// the message a person would read, and whether that message is the generic "something went wrong" (a 500
// in disguise) or a specific one (a field error, or a domain error naming the problem).
export type Verdict = { refused: boolean; specific: boolean; generic: boolean; message: string };

const GENERIC = "Something went wrong on our side";
const VAGUE = "Please correct the highlighted fields.";

type ActionResult = { ok: boolean; message?: string; fieldErrors?: Record<string, string[]>; data?: unknown };

export async function actionVerdict(call: () => Promise<unknown>, field: string): Promise<Verdict> {
  let result: ActionResult;
  try {
    result = (await call()) as ActionResult;
  } catch (error) {
    const digest = String((error as { digest?: unknown }).digest ?? "");
    if (digest.startsWith("NEXT_REDIRECT"))
      return { refused: false, specific: true, generic: false, message: `redirect ${digest.split(";")[2]}` };
    return { refused: true, specific: false, generic: true, message: `threw: ${(error as Error).message}` };
  }
  if (result.ok) return { refused: false, specific: true, generic: false, message: "ok" };
  const own = result.fieldErrors?.[field]?.join(" ");
  const message = own ?? result.message ?? "";
  const generic = message.includes(GENERIC);
  return {
    refused: true,
    generic,
    specific: !generic && message.length > 0 && (own !== undefined || result.message !== VAGUE),
    message,
  };
}

export async function routeVerdict(call: () => Promise<Response>): Promise<Verdict> {
  const response = await call();
  const body = await response.text();
  if (response.status < 400)
    return { refused: false, specific: true, generic: false, message: String(response.status) };
  let message = body;
  try {
    message = (JSON.parse(body) as { error?: { message?: string } }).error?.message ?? body;
  } catch {
    // not JSON: keep the text
  }
  const generic = response.status >= 500 || message.includes(GENERIC);
  return { refused: true, generic, specific: !generic && message.length > 0, message: `${response.status} ${message}` };
}
