// Generated worlds for the share-boundary suite: brands with workspaces in one lake, sharing datasets (with
// or without PII) into the lake region's consumer account, then revoking some shares and granting again.
// The lake rows of each workspace are written by the suite (recognisable ids), so the model of what every
// mounted share must return follows from Postgres (requests, their workspaces, datasets and PII tier) and
// the catalog alone.
import fc from "fast-check";
import { lakeTables, hasPiiColumns, type LakeTable } from "@/lib/lake/lake-tables";
import { piiViewName, sharedViewName } from "@/lib/snowflake/object-names";

/** The datasets worlds draw from: one without PII (2 tables), one whose every table has PII (3 tables). */
export const worldDatasets = ["changelogs", "messaging-push"] as const;
export const worldTables: LakeTable[] = lakeTables().filter((t) =>
  (worldDatasets as readonly string[]).includes(t.datasetKey),
);

export const lanes = {
  us: {
    region: "AWS_US_EAST_1",
    lake: "ENGAGEMENT_LAKE_US",
    providerRef: "FLOEDATA.LAKE_US",
    consumer: "ACMERETAIL.ANALYTICS",
    consumerLogin: "ACMERETAIL-ANALYTICS",
    providerLogin: "FLOEDATA-LAKE_US",
  },
  eu: {
    region: "AWS_EU_CENTRAL_1",
    lake: "ENGAGEMENT_LAKE_EU",
    providerRef: "FLOEDATA.LAKE_EU",
    consumer: "NORDLICHT.DWH",
    consumerLogin: "NORDLICHT-DWH",
    providerLogin: "FLOEDATA-LAKE_EU",
  },
} as const;
export type Lane = keyof typeof lanes;

export type ShareSpec = { workspaces: number[]; datasets: string[]; includePii: boolean };
export type BrandSpec = { workspaces: number; shares: ShareSpec[] };
/** revoke: indexes into the world's shares (flattened, brand order); regrants: new shares made after the revocations. */
export type WorldSpec = { brands: BrandSpec[]; revoke: number[]; regrants: { brand: number; share: ShareSpec }[] };

const subset = <T>(items: readonly T[]) => fc.subarray([...items], { minLength: 1 }).map((xs) => [...xs].sort());

function shareArb(workspaces: number): fc.Arbitrary<ShareSpec> {
  return fc.record({
    workspaces: subset(Array.from({ length: workspaces }, (_, i) => i)),
    datasets: subset(worldDatasets),
    includePii: fc.boolean(),
  });
}

// Two live requests of one brand for the same workspaces and datasets are refused as duplicates (by design),
// so a brand's shares differ in what they cover.
const coverKey = (s: ShareSpec) => `${s.workspaces.join(",")}|${s.datasets.join(",")}`;

// Small numbers are the common case (CI time); the larger ones still come up in every run of 200 worlds.
const weighted = (...counts: [number, number][]) =>
  fc.oneof(...counts.map(([weight, n]) => ({ weight, arbitrary: fc.constant(n) })));

const brandArb: fc.Arbitrary<BrandSpec> = fc.integer({ min: 1, max: 3 }).chain((workspaces) =>
  weighted([6, 1], [3, 2], [1, 3]).chain((shares) =>
    fc.record({
      workspaces: fc.constant(workspaces),
      shares: fc.uniqueArray(shareArb(workspaces), { minLength: 1, maxLength: shares, selector: coverKey }),
    }),
  ),
);

export const worldArb: fc.Arbitrary<WorldSpec> = weighted([6, 2], [3, 3], [1, 4])
  .chain((count) => fc.array(brandArb, { minLength: count, maxLength: count }))
  .chain((brands) => {
    const total = brands.reduce((n, b) => n + b.shares.length, 0);
    const flat = brands.flatMap((b, brand) => b.shares.map((share) => ({ brand, share })));
    // A re-grant may repeat a revoked share exactly, but not the cover of one still live (a duplicate).
    const allowed = (w: WorldSpec) => ({
      ...w,
      regrants: w.regrants.filter(
        (r) =>
          !flat.some((f, i) => f.brand === r.brand && !w.revoke.includes(i) && coverKey(f.share) === coverKey(r.share)),
      ),
    });
    return fc
      .record({
        brands: fc.constant(brands),
        revoke: fc.uniqueArray(fc.integer({ min: 0, max: total - 1 }), { maxLength: Math.min(2, total) }),
        regrants: fc.array(
          fc
            .integer({ min: 0, max: brands.length - 1 })
            .chain((brand) => shareArb(brands[brand].workspaces).map((share) => ({ brand, share }))),
          { maxLength: 1 },
        ),
      })
      .map(allowed);
  });

/** Rows the suite writes for one workspace into one RAW table. */
export const rowIds = (workspaceId: string, table: LakeTable) => [1, 2].map((n) => `${workspaceId}-${table.name}-${n}`);

export type ViewExpectation = { view: string; ids: string[]; columns: string[] };

/**
 * What a mounted share must return, from its request (Postgres) and the catalog: for each dataset's table
 * the plain view (non-PII columns) and, for a PII request on a table with PII columns, the `_ALL` view (all
 * columns); rows = the suite's rows of the request's workspaces. Plus the views it must NOT have.
 */
export function expectedViews(request: { includePii: boolean; workspaceIds: string[]; datasetKeys: string[] }): {
  granted: ViewExpectation[];
  absent: string[];
} {
  const granted: ViewExpectation[] = [];
  const absent: string[] = [];
  for (const table of worldTables) {
    const plain = sharedViewName(table.catalogName);
    const all = piiViewName(table.catalogName);
    if (!request.datasetKeys.includes(table.datasetKey)) {
      absent.push(plain);
      continue;
    }
    const ids = request.workspaceIds.flatMap((w) => rowIds(w, table)).sort();
    granted.push({
      view: plain,
      ids,
      columns: table.columns
        .filter((c) => !c.pii)
        .map((c) => c.name)
        .sort(),
    });
    if (request.includePii && hasPiiColumns(table))
      granted.push({ view: all, ids, columns: table.columns.map((c) => c.name).sort() });
    else if (hasPiiColumns(table)) absent.push(all);
  }
  return { granted, absent };
}
