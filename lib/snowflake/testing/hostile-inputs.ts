// A fixed corpus of hostile strings, each labelled with the attack it stands for. Every entry must be
// REJECTED by the consumer account parser, and must never leave a quoted identifier early. Exported for the
// identifier tests, other suites (server actions, forms) and the reliability report. Pure data.

export type HostileCategory =
  | "empty"
  | "whitespace"
  | "quote"
  | "semicolon"
  | "comment"
  | "sql-injection"
  | "lookalike"
  | "fullwidth"
  | "bidi"
  | "zero-width"
  | "control"
  | "nul"
  | "overlong"
  | "format"
  | "url"
  | "path";

export type HostileInput = { category: HostileCategory; label: string; value: string };

const bases = ["ACME.ANALYTICS", "XY12345", "MYORG.MY_ACCOUNT"];

function around(category: HostileCategory, name: string, fragment: string): HostileInput[] {
  return bases.flatMap((base) => [
    { category, label: `${name} appended to ${base}`, value: `${base}${fragment}` },
    { category, label: `${name} prepended to ${base}`, value: `${fragment}${base}` },
    { category, label: `${name} inside ${base}`, value: `${base.slice(0, 3)}${fragment}${base.slice(3)}` },
  ]);
}

const whole = (category: HostileCategory, entries: [label: string, value: string][]): HostileInput[] =>
  entries.map(([label, value]) => ({ category, label, value }));

export const hostileInputs: readonly HostileInput[] = Object.freeze([
  ...whole("empty", [
    ["empty string", ""],
    ["single space", " "],
    ["tabs and newlines only", "\t\n\r "],
    ["no-break spaces only", "\u00A0\u00A0"],
    ["dot only", "."],
    ["two dots", ".."],
    ["hyphen only", "-"],
  ]),
  ...whole("whitespace", [
    ["space inside org.account", "ACME .ANALYTICS"],
    ["space inside account name", "ACME.ANA LYTICS"],
    ["space inside locator", "XY 12345"],
    ["tab inside", "ACME\t.ANALYTICS"],
    ["newline inside", "ACME.\nANALYTICS"],
    ["ideographic space", "ACME\u3000ANALYTICS"],
    ["no-break space inside", "ACME\u00A0.ANALYTICS"],
    ["em space inside", "ACME\u2003.ANALYTICS"],
  ]),
  ...around("quote", "double quote", '"'),
  ...around("quote", "single quote", "'"),
  ...whole("quote", [
    ["closing identifier quote then SQL", 'ACME"."ANALYTICS"; DROP SHARE X; --'],
    ["backtick", "`ACME.ANALYTICS`"],
    ["typographic quotes", "\u201CACME.ANALYTICS\u201D"],
    ["doubled double quotes", '""ACME.ANALYTICS""'],
    ["quoted whole identifier", '"ACME"."ANALYTICS"'],
    ["single-quoted identifier", "'XY12345'"],
  ]),
  ...around("semicolon", "semicolon", ";"),
  ...whole("semicolon", [
    ["statement after semicolon", "XY12345; DROP DATABASE ENGAGEMENT_LAKE_US"],
    ["semicolon only", ";"],
    ["many semicolons", ";;;;"],
  ]),
  ...around("comment", "line comment", "--"),
  ...around("comment", "block comment", "/* x */"),
  ...whole("comment", [
    ["line comment hiding the rest", "ACME.ANALYTICS--"],
    ["unterminated block comment", "ACME.ANALYTICS/*"],
    ["block comment end", "ACME*/.ANALYTICS"],
    ["double slash comment", "ACME.ANALYTICS//x"],
    ["hash comment", "ACME.ANALYTICS#"],
  ]),
  ...whole("sql-injection", [
    ["OR 1=1", "XY12345' OR '1'='1"],
    ["UNION SELECT", "XY12345 UNION SELECT 1"],
    ["ADD ACCOUNTS list", "XY12345, EVIL.ACCOUNT"],
    ["comma separated accounts", "ACME.ANALYTICS,EVIL.ACCT"],
    ["equals sign", "ACCOUNTS=ACME.ANALYTICS"],
    ["parentheses", "CURRENT_ACCOUNT()"],
    ["bind placeholder", "?"],
    ["named bind", ":1"],
    ["dollar-quoted", "$$ACME$$"],
    ["session variable", "$ACME.ANALYTICS"],
    ["identifier function", "IDENTIFIER('ACME.ANALYTICS')"],
    ["backslash escape", "ACME\\.ANALYTICS"],
    ["trailing backslash", "XY12345\\"],
    ["percent wildcard", "ACME.%"],
    ["asterisk", "ACME.*"],
    ["at sign", "ACME@ANALYTICS"],
  ]),
  ...around("lookalike", "Cyrillic A (U+0410)", "\u0410"),
  ...around("lookalike", "Greek Alpha (U+0391)", "\u0391"),
  ...whole("lookalike", [
    ["Cyrillic letters in org", "\u0410\u0421\u041C\u0415.ANALYTICS"],
    ["Cyrillic o in account", "ACME.AN\u0410LYTICS"],
    ["Greek omicron", "ACME.ANALYTIC\u039F"],
    ["Cyrillic small a", "acme.\u0430nalytics"],
    ["Cherokee look-alike", "\u13AAACME.ANALYTICS"],
    ["Latin small capital", "ACME.\u1D00NALYTICS"],
    ["Kelvin sign", "\u212AEY.ANALYTICS"],
    ["dotless i", "ACME.ANALYT\u0131CS"],
    ["accented letter", "ACM\u00C9.ANALYTICS"],
    ["combining accent", "ACME\u0301.ANALYTICS"],
    ["mathematical bold A", "\uD835\uDC00CME.ANALYTICS"],
    ["emoji", "ACME.\uD83D\uDE00"],
  ]),
  ...around("fullwidth", "fullwidth A", "\uFF21"),
  ...whole("fullwidth", [
    ["fullwidth org", "\uFF21\uFF23\uFF2D\uFF25.ANALYTICS"],
    ["fullwidth dot", "ACME\uFF0EANALYTICS"],
    ["fullwidth digits in locator", "XY\uFF11\uFF12\uFF13\uFF14\uFF15"],
    ["fullwidth semicolon", "XY12345\uFF1B"],
    ["fullwidth quote", "\uFF02ACME.ANALYTICS\uFF02"],
  ]),
  ...around("bidi", "right-to-left override (U+202E)", "\u202E"),
  ...around("bidi", "left-to-right mark (U+200E)", "\u200E"),
  ...whole("bidi", [
    ["right-to-left mark", "ACME.\u200FANALYTICS"],
    ["first strong isolate", "\u2068ACME.ANALYTICS\u2069"],
    ["right-to-left isolate", "ACME\u2067.ANALYTICS\u2069"],
    ["left-to-right embedding", "\u202AACME.ANALYTICS\u202C"],
    ["Arabic letter mark", "ACME\u061C.ANALYTICS"],
    ["Trojan-source reversal", "XY12345\u202E54321YX"],
  ]),
  ...around("zero-width", "zero-width space (U+200B)", "\u200B"),
  ...around("zero-width", "zero-width joiner (U+200D)", "\u200D"),
  ...whole("zero-width", [
    ["zero-width non-joiner", "ACME\u200C.ANALYTICS"],
    ["word joiner", "ACME.\u2060ANALYTICS"],
    ["BOM inside", "ACME\uFEFF.ANALYTICS"],
    ["soft hyphen", "ACME.ANA\u00ADLYTICS"],
    ["Mongolian vowel separator", "XY\u180E12345"],
  ]),
  ...around("control", "escape character", "\u001B"),
  ...around("control", "backspace", "\b"),
  ...whole("control", [
    ["bell", "ACME.\u0007ANALYTICS"],
    ["DEL", "ACME.ANALYTICS\u007F"],
    ["C1 next line", "ACME\u0085.ANALYTICS"],
    ["line separator", "ACME.\u2028ANALYTICS"],
    ["paragraph separator", "ACME\u2029.ANALYTICS"],
    ["vertical tab inside", "XY\u000B12345"],
    ["form feed inside", "XY\f12345"],
    ["carriage return inside", "ACME\r.ANALYTICS"],
    ["ANSI colour sequence", "\u001B[31mACME.ANALYTICS"],
  ]),
  ...around("nul", "NUL", "\u0000"),
  ...whole("nul", [
    ["NUL only", "\u0000"],
    ["NUL truncation trick", "XY12345\u0000; DROP SHARE S"],
  ]),
  ...whole("overlong", [
    ["organization of 256 letters", `${"A".repeat(256)}.ANALYTICS`],
    ["account name of 256 characters", `ACME.${"A".repeat(256)}`],
    ["both parts 300", `${"A".repeat(300)}.${"B".repeat(300)}`],
    ["locator of 21 characters", `XY${"1".repeat(19)}`],
    ["10k characters", "A".repeat(10_000)],
    ["1M characters", "X".repeat(1_000_000)],
    ["long run of quotes", '"'.repeat(600)],
    ["long run of semicolons", ";".repeat(600)],
  ]),
  ...whole("format", [
    ["org starting with digit", "1ACME.ANALYTICS"],
    ["account starting with digit", "ACME.1ANALYTICS"],
    ["account starting with underscore", "ACME._ANALYTICS"],
    ["org with underscore", "AC_ME.ANALYTICS"],
    ["account name without org", "ANALYTICS"],
    ["three name parts", "ACME.ANALYTICS.EXTRA"],
    ["four parts", "XY12345.us-east-2.aws.extra"],
    ["leading dot", ".ACME.ANALYTICS"],
    ["trailing dot", "ACME.ANALYTICS."],
    ["double dot", "ACME..ANALYTICS"],
    ["leading hyphen", "-ACME"],
    ["trailing hyphen", "ACME-"],
    ["unknown region segment", "XY12345.mars-north-1"],
    ["unknown cloud segment", "XY12345.us-east-2.ibm"],
    ["digits only", "12345"],
    ["locator without digits", "XYZ"],
    ["locator too many leading letters", "ABCDE12345"],
    ["org dot hyphen", "ACME.-"],
    ["org hyphen dot", "ACME-.X"],
    ["slash separated", "ACME/ANALYTICS"],
    ["colon separated", "ACME:ANALYTICS"],
    ["plus sign", "ACME+ANALYTICS"],
    ["brackets", "[ACME].[ANALYTICS]"],
    ["braces", "{ACME}"],
    ["angle brackets", "<script>alert(1)</script>"],
    ["ampersand", "ACME&ANALYTICS"],
    ["tilde", "~ACME"],
    ["exclamation", "ACME!"],
    ["caret", "ACME^ANALYTICS"],
    ["pipe", "ACME|ANALYTICS"],
  ]),
  ...whole("url", [
    ["https URL", "https://acme-analytics.snowflakecomputing.com"],
    ["host only", "acme-analytics.snowflakecomputing.com"],
    ["legacy locator URL", "xy12345.us-east-2.aws.snowflakecomputing.com"],
    ["app.snowflake.com URL", "https://app.snowflake.com/acme/analytics/"],
    ["javascript URL", "javascript:alert(1)"],
    ["privatelink URL", "https://acme-analytics.privatelink.snowflakecomputing.com"],
    ["URL with path", "https://xy12345.snowflakecomputing.com/console#/"],
    ["mailto", "mailto:admin@acme.example"],
    ["file URL", "file:///etc/passwd"],
  ]),
  ...whole("path", [
    ["relative path", "../../etc/passwd"],
    ["windows path", "C:\\Windows\\system32"],
    ["home path", "~/.snowsql/config"],
    ["percent-encoded quote", "ACME%22.ANALYTICS"],
    ["percent-encoded NUL", "XY12345%00"],
    ["HTML entity", "ACME&#46;ANALYTICS"],
    ["template injection", "${process.env.SECRET}"],
    ["format string", "%s%s%n"],
    ["JSON", '{"account":"ACME.ANALYTICS"}'],
    ["CRLF header injection", "XY12345\r\nX-Injected: 1"],
  ]),
]);
