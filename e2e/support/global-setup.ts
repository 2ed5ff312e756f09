import { assertLocalDatabase } from "./database";

// Refuses the whole run up front when DATABASE_URL points anywhere but a local database.
export default function globalSetup() {
  assertLocalDatabase(process.env.DATABASE_URL);
}
