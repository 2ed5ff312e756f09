// What the catalog pages show of a dataset's secure functions: plain data for the component (signature,
// description, arguments, result columns, an example call against a placeholder database). Pure.
import { secureFunctionsOf, signatureOf } from "./secure-functions";

export type SecureFunctionCard = {
  name: string;
  kind: "table" | "scalar";
  signature: string;
  description: string;
  args: { name: string; type: string; description: string }[];
  columns: { name: string; type: string; description: string }[];
  example: string;
};

/** The mounted database as the example names it: the consumer picks its name when mounting. */
export const exampleDatabase = "YOUR_SHARE_DB";

export function secureFunctionCards(datasetKey: string): SecureFunctionCard[] {
  return secureFunctionsOf(datasetKey).map((f) => ({
    name: f.name,
    kind: f.kind,
    signature: signatureOf(f),
    description: f.description,
    args: f.args,
    columns: f.columns ?? [],
    example: f.example(exampleDatabase),
  }));
}
