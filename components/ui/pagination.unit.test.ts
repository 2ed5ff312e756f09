// Page links keep the list's filter: the console's erasures list is per brand (`?org=`), and its page links
// used to drop it (`?page=2` alone), so page 2 showed the brand picker instead of the brand's older requests.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { pageHref } from "@/lib/pagination";
import { Pagination } from "./pagination";

const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1].replaceAll("&amp;", "&"));

describe("Pagination", () => {
  it("keeps the ?org= filter on the previous and next links", () => {
    const html = renderToStaticMarkup(
      createElement(Pagination, {
        page: 2,
        pageCount: 3,
        basePath: "/console/erasures",
        label: "Erasure pages",
        query: { org: "acme" },
      }),
    );
    expect(hrefs(html)).toEqual(["/console/erasures?org=acme", "/console/erasures?org=acme&page=3"]);
  });

  it("links to plain ?page= without a filter, as before", () => {
    const html = renderToStaticMarkup(
      createElement(Pagination, { page: 2, pageCount: 3, basePath: "/o/acme/erasures", label: "Erasure pages" }),
    );
    expect(hrefs(html)).toEqual(["/o/acme/erasures", "/o/acme/erasures?page=3"]);
  });
});

describe("pageHref", () => {
  it("encodes the filter, drops an old page parameter and undefined values", () => {
    expect(pageHref("/console/erasures", 4, { org: "a b&c", page: "9", q: undefined })).toBe(
      "/console/erasures?org=a+b%26c&page=4",
    );
    expect(pageHref("/console/erasures", 1, { org: "acme" })).toBe("/console/erasures?org=acme");
  });
});
