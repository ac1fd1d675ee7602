import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "~/lib/http/page.server";
import { isCrossSite } from "../../server/request-guards";

describe("safeRedirectPath", () => {
  it.each([
    ["/projects/abc", "/projects/abc"],
    ["/settings/tokens?x=1", "/settings/tokens?x=1"],
    ["//evil.example", "/projects"],
    ["/\\evil.example", "/projects"],
    ["https://evil.example", "/projects"],
    ["javascript:alert(1)", "/projects"],
    [null, "/projects"],
    ["", "/projects"],
    ["/", "/"],
    ["/projects/abc#memo-1", "/projects/abc#memo-1"],
    ["/projects?q=caf%C3%A9", "/projects?q=caf%C3%A9"],
    // Browsers drop tabs and newlines from URLs: "/\t/evil.example" becomes "//evil.example".
    ["/\t/evil.example", "/projects"],
    ["/\n/evil.example", "/projects"],
    ["/\r\nSet-Cookie: x=1", "/projects"],
    ["/\0/evil.example", "/projects"],
    ["/ /evil.example", "/projects"],
    [" //evil.example", "/projects"],
    ["\\evil.example", "/projects"],
    ["/\\", "/projects"],
    ["//", "/projects"],
    ["///evil.example", "/projects"],
    ["/projects\\..\\..\\evil", "/projects"],
    ["http:/evil.example", "/projects"],
    ["HTTPS://evil.example/", "/projects"],
    ["data:text/html,hi", "/projects"],
    // Encoded slashes and backslashes are refused too, however often they are encoded.
    ["/%2F/evil.example", "/projects"],
    ["/%2f%2fevil.example", "/projects"],
    ["/%5Cevil.example", "/projects"],
    ["/%5cevil.example", "/projects"],
    ["/%252F/evil.example", "/projects"],
    ["/%09/evil.example", "/projects"],
    ["/%0D%0ALocation: https://evil.example", "/projects"],
    ["/%E0%A4%A", "/projects"],
    ["/\u2028/evil.example", "/projects"],
    [`/${"a".repeat(3000)}`, "/projects"],
  ])("%j → %s", (input, expected) => {
    expect(safeRedirectPath(input)).toBe(expected);
  });
});

describe("isCrossSite", () => {
  const host = "thicket.example:3000";
  it.each([
    [{ host }, false],
    [{ host, origin: "http://thicket.example:3000" }, false],
    [{ host, origin: "https://evil.example" }, true],
    [{ host, origin: "null" }, true],
    [{ host, "sec-fetch-site": "cross-site" }, true],
    [{ host, "sec-fetch-site": "same-origin", origin: "http://thicket.example:3000" }, false],
  ])("%j → %s", (headers, expected) => {
    expect(isCrossSite(headers)).toBe(expected);
  });
});
