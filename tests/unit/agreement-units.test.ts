import { describe, expect, it } from "vitest";
import { judgements, unitRanges, type Range } from "~/lib/agreement/units";

const pieces = (text: string, ranges: Range[]) => ranges.map(([s, e]) => text.slice(s, e));

describe("unitRanges: paragraphs", () => {
  it("cuts at blank lines (spaces on them too), keeps single line breaks inside, and skips empty runs", () => {
    const text = "\n\nFirst para\nstill first.\n\n\nSecond.\n  \t\nThird\n\n";
    expect(pieces(text, unitRanges(text, "paragraph"))).toEqual(["First para\nstill first.", "Second.", "Third"]);
  });

  it("cuts at every line break when the document has no blank line", () => {
    const text = "Q: How was it?\nA: Slow.\nThen fine.\n";
    expect(pieces(text, unitRanges(text, "paragraph"))).toEqual(["Q: How was it?", "A: Slow.", "Then fine."]);
  });

  it("treats \\r\\n like \\n, both as a blank line and as a line break", () => {
    const blank = "One\r\nline two\r\n\r\nThree";
    expect(pieces(blank, unitRanges(blank, "paragraph"))).toEqual(["One\r\nline two", "Three"]);
    const lines = "One\r\nTwo\r\nThree";
    expect(unitRanges(lines, "paragraph")).toEqual([
      [0, 3],
      [5, 8],
      [10, 15],
    ]);
  });

  it("has no units in an empty or blank text", () => {
    expect(unitRanges("", "paragraph")).toEqual([]);
    expect(unitRanges(" \n\n \n", "paragraph")).toEqual([]);
  });
});

describe("unitRanges: sentences", () => {
  it("splits at the usual end marks and at line breaks, without surrounding whitespace", () => {
    const text = "It was slow. Was it? Yes!  Very…\nNext line";
    expect(pieces(text, unitRanges(text, "sentence"))).toEqual(["It was slow.", "Was it?", "Yes!", "Very…", "Next line"]);
  });
});

describe("judgements", () => {
  it("cuts characters into runs of constant judgement, weighted by their length", () => {
    // "abcdefghij": A codes [0,5), B codes [3,8).
    const found = judgements(10, [[{ codeId: "X", start: 0, end: 5 }], [{ codeId: "X", start: 3, end: 8 }]]);
    expect([...found.keys()]).toEqual(["X"]);
    expect(found.get("X")).toEqual([
      { values: ["1", "0"], weight: 3 },
      { values: ["1", "1"], weight: 2 },
      { values: ["0", "1"], weight: 3 },
      { values: ["0", "0"], weight: 2 },
    ]);
  });

  it("merges a coder's touching and overlapping codings, so every run boundary changes a judgement", () => {
    const a = [
      { codeId: "X", start: 2, end: 4 },
      { codeId: "X", start: 4, end: 6 },
      { codeId: "X", start: 3, end: 5 },
    ];
    expect(judgements(8, [a, []]).get("X")).toEqual([
      { values: ["0", "0"], weight: 2 },
      { values: ["1", "0"], weight: 4 },
      { values: ["0", "0"], weight: 2 },
    ]);
  });

  it("keeps a big document's character units few: one per run, not one per character", () => {
    const length = 1_000_000;
    const spans = (n: number) => Array.from({ length: n }, (_, i) => ({ codeId: "X", start: i * 1000, end: i * 1000 + 10 }));
    const units = judgements(length, [spans(100), spans(50)]).get("X")!;
    // Cuts at 0, 10, 1000, 1010, … 99010 and the end: 201 points, 200 runs.
    expect(units.length).toBe(200);
    expect(units.reduce((sum, u) => sum + u.weight!, 0)).toBe(length);
  });

  it("judges each range: a coding counts for every range it intersects, not those it only touches", () => {
    const ranges: Range[] = [
      [0, 10],
      [12, 20],
      [22, 30],
    ];
    // A ends exactly where the second range starts: no overlap. B spans the gap into the third.
    const found = judgements(ranges, [[{ codeId: "X", start: 5, end: 12 }], [{ codeId: "X", start: 19, end: 23 }]]);
    expect(found.get("X")).toEqual([{ values: ["1", "0"] }, { values: ["0", "1"] }, { values: ["0", "1"] }]);
  });

  it("judges the codes it is asked about, all 0s where nobody applied them, each code on its own", () => {
    const ranges: Range[] = [
      [0, 5],
      [6, 9],
    ];
    const found = judgements(ranges, [[{ codeId: "X", start: 0, end: 2 }], [{ codeId: "Y", start: 7, end: 8 }]], ["X", "Y", "Z"]);
    expect(found.get("X")).toEqual([{ values: ["1", "0"] }, { values: ["0", "0"] }]);
    expect(found.get("Y")).toEqual([{ values: ["0", "0"] }, { values: ["0", "1"] }]);
    expect(found.get("Z")).toEqual([{ values: ["0", "0"] }, { values: ["0", "0"] }]);
    expect(judgements(4, [[], []], ["Z"]).get("Z")).toEqual([{ values: ["0", "0"], weight: 4 }]);
  });
});
