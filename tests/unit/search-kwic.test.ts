import { describe, expect, it } from "vitest";
import { findMatches, kwic, parseQuery } from "~/lib/search/kwic";

describe("parseQuery", () => {
  it("reads words, prefixes, phrases and exclusions", () => {
    expect(parseQuery('Wait* "long  queue" -angry, ok')).toEqual([
      { words: ["wait"], prefix: true, negated: false },
      { words: ["long", "queue"], prefix: false, negated: false },
      { words: ["angry"], prefix: false, negated: true },
      { words: ["ok"], prefix: false, negated: false },
    ]);
    expect(parseQuery("  ?! ")).toEqual([]);
  });
});

describe("findMatches", () => {
  const text = "Café, CAFÉ and cafés; café-bar.";
  it("matches whole words whatever their case, with exact ranges", () => {
    const ranges = findMatches(text, parseQuery("café"));
    expect(ranges.map(([s, e]) => text.slice(s, e))).toEqual(["Café", "CAFÉ", "café"]);
  });
  it("matches prefixes and phrases, and merges overlapping hits", () => {
    expect(findMatches(text, parseQuery("caf*")).map(([s, e]) => text.slice(s, e))).toEqual(["Café", "CAFÉ", "cafés", "café"]);
    expect(findMatches(text, parseQuery('"café bar" café')).map(([s, e]) => text.slice(s, e))).toEqual(["Café", "CAFÉ", "café-bar"]);
    expect(findMatches(text, parseQuery("-café"))).toEqual([]);
  });
});

describe("kwic", () => {
  it("gives up to 60 characters either side, whitespace flattened", () => {
    const text = `${"a".repeat(70)}\n\nhit${"b".repeat(70)}`;
    const hit = kwic(text, 72, 75);
    expect(hit.match).toBe("hit");
    expect(hit.before).toBe(`${"a".repeat(58)} `);
    expect(hit.after).toBe("b".repeat(60));
  });
});
