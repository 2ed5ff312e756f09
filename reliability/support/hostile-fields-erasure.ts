// The erasure actions' fields in the hostile corpus (issue 17), kept apart from hostile-fields.ts (long).
// The identifiers themselves are opaque ids a brand gives us — quotes and SQL are valid external user ids,
// hashed and never sent anywhere — so the fields here are the ones that must be refused: another brand's
// workspace, a forged or hostile request id, another brand's slug.
import * as erasureActions from "@/app/(portal)/o/[orgSlug]/erasures/new/actions";
import * as consoleErasureActions from "@/app/(console)/console/erasures/actions";
import { POST as csvUpload } from "@/app/api/orgs/[orgSlug]/erasures/upload/route";
import { forgedIds, hostileCorpus, type HostileCase } from "./hostile-corpus";
import type { HostileWorld } from "./hostile-world";
import { signInAs } from "./session";
import { actionVerdict, routeVerdict } from "./verdict";
import type { Field } from "./hostile-fields";

type Person = NonNullable<Parameters<typeof signInAs>[0]>;

export function hostileErasureFields(w: HostileWorld): Field[] {
  const slug = w.brand.organization.slug;
  const call =
    (user: Person, fn: (i: unknown) => Promise<unknown>, base: Record<string, unknown>, field: string) =>
    (value: unknown) =>
      actionVerdict(async () => {
        signInAs(user);
        try {
          return await fn({ ...base, [field]: value });
        } finally {
          signInAs(null);
        }
      }, field);
  // A fresh key per call: a refused call must not be answered from an earlier request.
  const form = () => ({
    orgSlug: slug,
    identifiers: "hostile-probe-subject",
    idempotencyKey: `hostile-${Math.random().toString(36).slice(2)}`,
  });
  // The CSV upload route: a valid one-row file from Floe's own page, the hostile value in the URL (text only: a
  // URL carries nothing else, as for the read routes).
  const inUrl = (cases: HostileCase[]) => cases.filter((c) => typeof c.value === "string");
  const upload = (orgSlug: unknown, workspaceId: unknown) => () =>
    routeVerdict(async () => {
      signInAs(w.brand.owner);
      try {
        const query = new URLSearchParams({ workspaceId: workspaceId as string });
        return await csvUpload(
          new Request(`http://localhost/api/orgs/${encodeURIComponent(orgSlug as string)}/erasures/upload?${query}`, {
            method: "POST",
            body: "hostile-csv-subject\n",
            headers: { "content-type": "text/csv", origin: "http://localhost" },
          }),
          { params: Promise.resolve({ orgSlug: orgSlug as string }) },
        );
      } finally {
        signInAs(null);
      }
    });
  return [
    {
      name: "erasure CSV upload · workspaceId",
      policy: "refuse",
      cases: inUrl([
        ...hostileCorpus,
        ...forgedIds([{ label: "another brand's workspace id", id: w.otherWorkspaceId }]),
      ]),
      run: (v) => upload(slug, v)(),
    },
    {
      name: "erasure CSV upload · orgSlug",
      policy: "refuse",
      cases: inUrl([...hostileCorpus, ...forgedIds([{ label: "another brand's slug", id: w.otherSlug }])]),
      run: (v) => upload(v, w.brand.web.id)(),
    },
    {
      name: "erasure form · workspaceId",
      policy: "refuse",
      cases: [...hostileCorpus, ...forgedIds([{ label: "another brand's workspace id", id: w.otherWorkspaceId }])],
      run: (v) => call(w.brand.owner, erasureActions.submitErasureAction, form(), "workspaceId")(v),
    },
    {
      name: "erasure form · orgSlug",
      policy: "refuse",
      cases: [...hostileCorpus, ...forgedIds([{ label: "another brand's slug", id: w.otherSlug }])],
      run: (v) => call(w.brand.owner, erasureActions.submitErasureAction, form(), "orgSlug")(v),
    },
    {
      name: "console erasure retry · erasureId",
      policy: "refuse",
      cases: [...hostileCorpus, ...forgedIds([])],
      run: (v) => call(w.brand.manager, consoleErasureActions.retryErasureAction, {}, "erasureId")(v),
    },
  ];
}
