/** The messages of one form field, linked to it with `aria-describedby={id}` by the caller. */
export function FieldError({ id, messages }: { id: string; messages?: string[] }) {
  if (!messages?.length) return null;
  return (
    <p id={id} className="mt-1 text-sm font-medium text-danger">
      {messages.join(" ")}
    </p>
  );
}
