// vitest setupFiles of the db project: runs before each test file, in its worker, and points DATABASE_URL
// at a database of that file's own (lib/testing/file-database.ts) before the file imports lib/db or lib/config.
import { inject } from "vitest";
import { createFileDatabase } from "./file-database";

process.env.DATABASE_URL = await createFileDatabase(inject("databaseUrl"));
