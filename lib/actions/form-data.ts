// FormData → plain object for zod. A key sent once becomes a string, a key sent several times (checkbox
// groups, multi-selects) an array; schemas that expect a list should accept both (z.union or preprocess).
// Files are dropped: no Floe form uploads files, and they should never reach a schema by accident.

export function formDataToObject(formData: FormData): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const key of new Set(formData.keys())) {
    // React adds its own bookkeeping fields to forms with server actions.
    if (key.startsWith("$ACTION")) continue;
    const values = formData.getAll(key).filter((v): v is string => typeof v === "string");
    if (values.length === 0) continue;
    result[key] = values.length === 1 ? values[0] : values;
  }
  return result;
}
