// snowflake-sdk logs every connection at INFO to stdout (and ./snowflake.log) unless configured; the app does
// not configure it, so the benchmarks do, to keep their output readable. Import before anything else.
import snowflake from "snowflake-sdk";

snowflake.configure({ logLevel: "ERROR" });
