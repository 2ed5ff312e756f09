// snowflake-sdk bundles the AWS SDK v3 (for stages on S3), which warns once per process on Node < 22 that
// its releases after January 2027 will need Node 22. Floe supports Node >= 20.19 (package.json engines),
// pins snowflake-sdk, and shares data without stages, so the warning asks nothing of anyone running Floe.
// Imported before snowflake-sdk; an explicit AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED wins.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
