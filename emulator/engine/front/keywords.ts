// The keyword sets the query front-end shares (tree transforms, the shape check, result column naming, the
// printer): kept in one place so the files that walk a statement agree on what is a keyword and where a clause
// starts.

/** Reserved words that are never a column or table name in a query (unquoted). */
export const KEYWORDS = new Set(
  (
    "SELECT FROM WHERE AND OR NOT IN EXISTS AS ON JOIN INNER LEFT RIGHT FULL OUTER CROSS NATURAL " +
    "USING GROUP BY ORDER HAVING LIMIT OFFSET FETCH FIRST NEXT ROWS ROW ONLY UNION ALL DISTINCT INTERSECT EXCEPT MINUS CASE " +
    "WHEN THEN ELSE END IS NULL TRUE FALSE LIKE ILIKE BETWEEN ASC DESC NULLS LAST WITH RECURSIVE OVER PARTITION QUALIFY WINDOW " +
    "RANGE UNBOUNDED PRECEDING FOLLOWING CURRENT INTERVAL ANY SOME ESCAPE VALUES INTO INSERT DELETE UPDATE SET DEFAULT " +
    "LATERAL TABLE DATE TIMESTAMP"
  ).split(" "),
);

/** Words that start the clause after a select list (an empty item before one is a syntax error). */
export const AFTER_SELECT_LIST = [
  "FROM",
  "WHERE",
  "GROUP",
  "HAVING",
  "ORDER",
  "LIMIT",
  "QUALIFY",
  "UNION",
  "EXCEPT",
  "MINUS",
  "INTERSECT",
];

/** Words that end a select-list item (the list's clauses, and INTO of INSERT … SELECT forms). */
export const SELECT_ITEM_END = new Set([...AFTER_SELECT_LIST, "INTO"]);

/** Words that end a FROM clause's table list (the printer stops expecting table names). */
export const FROM_CLAUSE_END = new Set([
  ...AFTER_SELECT_LIST,
  "ON",
  "USING",
  "WINDOW",
  "OFFSET",
  "FETCH",
  "SET",
  "VALUES",
  "SELECT",
]);

/** Words that may follow a table reference, so they are never its alias. */
export const FOLLOWS_TABLE = new Set(
  (
    "WHERE GROUP ORDER LIMIT UNION EXCEPT MINUS INTERSECT JOIN INNER LEFT RIGHT FULL CROSS NATURAL " +
    "ON USING HAVING QUALIFY WINDOW OFFSET FETCH LATERAL"
  ).split(" "),
);
