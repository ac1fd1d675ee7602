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
  ])("%s → %s", (input, expected) => {
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
