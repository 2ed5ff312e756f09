// Bounds on what Floe stores and accepts, in one place. The zod schemas at every boundary import these, and
// the database's CHECK constraints carry the same numbers: lib/limits.test.ts reads pg_constraint and fails
// if a migration and this file disagree. Pure: the browser forms import it too.

/** A consumer account as stored (ORG.ACCOUNT or a locator): ShareRequest_consumer_account_format. */
export const CONSUMER_ACCOUNT_MAX_LENGTH = 288;
/** The requester's note: ShareRequest_note_length. */
export const REQUEST_NOTE_MAX_LENGTH = 2000;
/** A rejection's (or revocation's) reason: ShareRequest_decision_reason_length. */
export const DECISION_REASON_MAX_LENGTH = 1000;
/** A staff waiver of the proof of account control: ConsumerAccountProof_waiver_has_reason. */
export const WAIVER_REASON_MAX_LENGTH = 1000;
/** Statements at once per provider account: ProviderAccount_max_concurrency_range. */
export const MAX_CONCURRENCY = { min: 1, max: 64 } as const;
/** An e-mail address (RFC 5321 path limit): magic-link identifiers, VerificationToken_identifier_length. */
export const EMAIL_MAX_LENGTH = 254;
/** A rate-limit bucket's key ("<scope>:<value>"): RateLimitBucket_key_length. */
export const RATE_LIMIT_KEY_MAX_LENGTH = 300;
/** Ids in paths, forms and cursors (cuid is 25 characters; generous, but bounded before any query). */
export const ID_MAX_LENGTH = 100;
/** AuditEvent.id is a PostgreSQL bigint: a cursor above this would overflow in the query. */
export const AUDIT_ID_MAX = 9_223_372_036_854_775_807n;
/** Dates in cursors and filters: four-digit years only, inside both JavaScript's and PostgreSQL's ranges. */
export const TIMESTAMP_RANGE = { min: Date.UTC(1970, 0, 1), max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) } as const;
/** Any single query-string value of a route or page, and how many there may be. */
export const SEARCH_PARAM_MAX_LENGTH = 2048;
export const SEARCH_PARAM_MAX_COUNT = 50;
/** Request bodies of route handlers (next-auth's form posts are well under 2 kB). */
export const ROUTE_BODY_MAX_BYTES = 16 * 1024;

/** An API token's name: ApiToken_name_length. */
export const API_TOKEN_NAME_MAX_LENGTH = 100;
/** A webhook endpoint's URL and description: WebhookEndpoint_url_length, WebhookEndpoint_description_length. */
export const WEBHOOK_URL_MAX_LENGTH = 2000;
export const WEBHOOK_DESCRIPTION_MAX_LENGTH = 200;

/** A proof-of-control code as typed (trimmed); the same as lib/requests/account-proof-code PROOF_CODE_INPUT_MAX. */
export const PROOF_CODE_MAX_LENGTH = 40;

/** Identifiers in one erasure request (CSV upload's ceiling): ErasureRequest_requested_count_range. */
export const ERASURE_MAX_SUBJECTS = 100_000;
/** The portal form's identifiers (a few; more go through the CSV upload). Within ERASURE_MAX_SUBJECTS. */
export const ERASURE_FORM_MAX_SUBJECTS = 50;
/** An erasure request's idempotency key: ErasureRequest_idempotency_key_length. */
export const ERASURE_IDEMPOTENCY_KEY_MAX_LENGTH = 200;
/** One subject identifier as given (external id or e-mail; hashed before it is stored, so no column holds it). */
export const ERASURE_SUBJECT_MAX_LENGTH = 254;
/**
 * A CSV upload's bytes (100,000 identifiers of up to ~60 characters), and the public API's erasure body. Not
 * stored (the file is parsed in memory and only hashes are kept), so no CHECK: the stored bound is
 * ErasureRequest_requested_count_range (ERASURE_MAX_SUBJECTS).
 */
export const ERASURE_CSV_MAX_BYTES = 8 * 1024 * 1024;
/** Bad rows a CSV upload's answer lists by line (all are counted); not stored. */
export const ERASURE_CSV_MAX_REPORTED_ERRORS = 1_000;
/**
 * Preview as the consumer (lib/share-preview): rows read per preview, and the longest view name accepted. Neither
 * is stored (no CHECK constraint): the row bound caps what one staff click reads from Snowflake.
 */
export const SHARE_PREVIEW_ROW_LIMIT = 20;
export const SHARE_PREVIEW_VIEW_NAME_MAX_LENGTH = 255;
/**
 * Reader accounts (lib/reader-accounts): the Floe-chosen account name and its admin user, the same patterns as
 * ReaderAccount_names_check and ShareRequest_consumer_kind_check; the credential link's lifetime (not stored as a
 * bound: the row keeps its expiry instant).
 */
export const READER_ACCOUNT_NAME_PATTERN = /^FLOE_R_[0-9A-F]{10}$/;
export const READER_ADMIN_NAME = "FLOE_READER_ADMIN";
export const READER_LINK_TTL_HOURS = 72;
/** A credential link's token as it arrives in the URL (43 base64url characters for 32 bytes). */
export const READER_LINK_TOKEN_MAX_LENGTH = 64;
