// Naming rules for every Snowflake object the portal creates or grants, in one place. Names are generated
// from server-side data (request ids, catalog table names, topology), never from user text, and are
// restricted to A-Z0-9_ so they read the same quoted or unquoted. Pure (browser-safe).

export const lakeSchemas = { raw: "RAW", shared: "SHARED", sharing: "SHARING" } as const;
export const entitlementsTable = "ENTITLEMENTS";
/** Proof of account control (issue 10): one-time codes per share, read by the consumer through the view. */
export const accountProofsTable = "ACCOUNT_PROOFS";
/** The secure view in SHARED a proof-of-control share exposes; its row access policy keeps each share to its own code. */
export const accountProofView = "FLOE_ACCOUNT_PROOF";
/** Row access policy of the proof view: a row is visible only through the share named in it. */
export const proofRowsPolicy = "PROOF_ROWS";
/** Replication refresh schedule for cross-region shares: also the lag a consumer sees at most. */
export const replicationSchedule = "10 MINUTE";

/** "10 MINUTE" → "10 minutes", for sentences shown to people. */
export function scheduleLabel(schedule: string): string {
  const [count, unit = ""] = schedule.trim().split(/\s+/);
  const word = unit.toLowerCase();
  return `${count} ${count === "1" ? word : word + "s"}`;
}

const generatedName = /^[A-Z][A-Z0-9_]*$/;
const MAX_NAME = 255;

export class ObjectNameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ObjectNameError";
  }
}

function assertGeneratedName(value: string, what: string): string {
  if (typeof value !== "string" || !generatedName.test(value) || value.length > MAX_NAME) {
    throw new ObjectNameError(`${what} must match ${generatedName} and be at most ${MAX_NAME} characters`);
  }
  return value;
}

/** Catalog table name (e.g. USERS_MESSAGES_EMAIL_SEND_SHARED) = the non-PII secure view in SHARED. */
export function sharedViewName(catalogTable: string): string {
  return assertGeneratedName(catalogTable, "catalog table name");
}

/** The all-columns (PII) variant of a shared view: `<TABLE>_ALL`. */
export function piiViewName(catalogTable: string): string {
  return assertGeneratedName(`${sharedViewName(catalogTable)}_ALL`, "PII view name");
}

/**
 * The row access policy on a dataset's secure views (in SHARING): `SHARE_ROWS_<KEY>`, and `…_PII` for the
 * `_ALL` views, which also require the entitlement's PII tier. Dataset keys are catalog keys such as
 * messaging-email; upper-cased with `-` as `_`.
 */
export function shareRowsPolicyName(datasetKey: string, includesPii: boolean): string {
  if (typeof datasetKey !== "string" || !/^[a-z0-9][a-z0-9-]*$/.test(datasetKey))
    throw new ObjectNameError("dataset key must be lower-case letters, digits and -");
  return assertGeneratedName(
    `SHARE_ROWS_${datasetKey.toUpperCase().replace(/-/g, "_")}${includesPii ? "_PII" : ""}`,
    "row access policy name",
  );
}

/** Base table in RAW: the catalog name without its `_SHARED` suffix. */
export function rawTableName(catalogTable: string): string {
  return sharedViewName(catalogTable).replace(/_SHARED$/, "");
}

const SLUG_MAX = 24;
const SHORT_ID_LENGTH = 12;

/**
 * `FLOE_<SLUG>_<SHORTID>`: the slug makes the share recognisable in SHOW SHARES, the short id (60 bits of a
 * hash of the request id) makes it unique per request and stable across retries, so re-running a plan
 * finds the share it created before. Hashing rather than copying the id keeps the length fixed and the
 * alphabet safe whatever id format the database uses.
 */
export function shareNameFor({ organizationSlug, requestId }: { organizationSlug: string; requestId: string }): string {
  if (typeof requestId !== "string" || requestId.length === 0 || requestId.length > 200) {
    throw new ObjectNameError("request id must be a non-empty string of at most 200 characters");
  }
  return `FLOE_${slugPart(organizationSlug)}_${shortId(requestId)}`;
}

function slugPart(slug: string): string {
  const ascii = String(slug ?? "")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  const bounded = ascii.slice(0, SLUG_MAX).replace(/_+$/, "");
  return bounded === "" ? "ORG" : bounded;
}

const base32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford: no I, L, O, U to misread

function shortId(requestId: string): string {
  let h = hash64(requestId);
  let out = "";
  for (let i = 0; i < SHORT_ID_LENGTH; i++) {
    out += base32[Number(h & 31n)];
    h >>= 5n;
  }
  return out;
}

const MASK = (1n << 64n) - 1n;

/** FNV-1a over UTF-8 bytes, finished with MurmurHash3's fmix64 so similar ids spread over all bits. */
function hash64(text: string): bigint {
  let h = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= BigInt(byte);
    h = (h * 0x100000001b3n) & MASK;
  }
  h ^= h >> 33n;
  h = (h * 0xff51afd7ed558ccdn) & MASK;
  h ^= h >> 33n;
  h = (h * 0xc4ceb9fe1a85ec53n) & MASK;
  h ^= h >> 33n;
  return h;
}

/** `FLOE_RG_<LAKEDB>_TO_<REGION>`: one group per (lake, target region), shared by every share on that path. */
export function replicationGroupNameFor({
  lakeDatabase,
  targetRegion,
}: {
  lakeDatabase: string;
  targetRegion: string;
}): string {
  assertGeneratedName(lakeDatabase, "lake database");
  assertGeneratedName(targetRegion, "target region");
  return assertGeneratedName(`FLOE_RG_${lakeDatabase}_TO_${targetRegion}`, "replication group name");
}
