import { describe, expect, it } from "vitest";
import { labelMatches, OFFSET_SCHEMES, SourceText } from "../../app/lib/refi/import-offsets";

const [codePoints, utf16, codePointsCrlfOne, utf16CrlfOne] = OFFSET_SCHEMES as [any, any, any, any];

/** What a tool would record for `part` in `raw`, counting its way. */
function recorded(raw: string, part: string, count: (s: string) => number) {
  const at = raw.indexOf(part);
  return { start: count(raw.slice(0, at)), end: count(raw.slice(0, at + part.length)) };
}
const cp = (s: string) => [...s].length;
const cpCrlfOne = (s: string) => [...s.replace(/\r\n/g, "\n")].length;

describe("SourceText: the stored text", () => {
  it("stores \\n line ends, NFC, no byte-order mark, control characters or blank lines at the ends", () => {
    const t = new SourceText("\uFEFF\r\n\r\nCafe\u0301 one\r\ntwo\rthree\u0007\r\n\r\n");
    expect(t.text).toBe("Café one\ntwo\nthree");
  });

  it("keeps text that needs nothing as it is, with every scheme mapping to itself", () => {
    const t = new SourceText("plain words\n\nmore");
    expect(t.text).toBe("plain words\n\nmore");
    expect(t.schemes()).toEqual([codePoints]);
    expect(t.range(codePoints, 6, 11)).toEqual({ start: 6, end: 11 });
  });
});

describe("SourceText: offsets recorded against the raw file", () => {
  const raw = "Hi 😀 there.\r\nSecond 👋🏽 line, naïve.\r\nThird.";
  const t = new SourceText(raw);
  const quote = (r: { start: number; end: number } | null) => (r ? t.text.slice(r.start, r.end) : null);

  it("offers the four readings only when CR LF and astral characters make them differ", () => {
    expect(t.schemes()).toHaveLength(4);
    expect(new SourceText("a\r\nb").schemes()).toEqual([codePoints, codePointsCrlfOne]);
    expect(new SourceText("a 😀 b").schemes()).toEqual([codePoints, utf16]);
  });

  it.each([
    ["code points, CR LF as two (REFI, Thicket's export)", codePoints, cp],
    ["UTF-16 units, CR LF as two", utf16, (s: string) => s.length],
    ["code points, CR LF as one", codePointsCrlfOne, cpCrlfOne],
    ["UTF-16 units, CR LF as one", utf16CrlfOne, (s: string) => s.replace(/\r\n/g, "\n").length],
  ])("maps %s onto the stored text", (_name, scheme, count) => {
    for (const part of ["Second 👋🏽 line", "naïve.\r\nThird", "😀 there.", "Third."]) {
      const { start, end } = recorded(raw, part, count);
      expect(quote(t.range(scheme, start, end))).toBe(part.replace(/\r\n/g, "\n"));
    }
  });

  it("puts a position inside a CR LF at the line end, and refuses ranges outside the text or empty", () => {
    const at = cp(raw.slice(0, raw.indexOf("\r\n")));
    expect(t.map(codePoints, at + 1)).toBe(t.map(codePoints, at));
    expect(t.text[t.map(codePoints, at)!]).toBe("\n");
    expect(t.range(codePoints, 0, cp(raw) + 1)).toBeNull();
    expect(t.range(codePoints, 5, 5)).toBeNull();
    expect(t.range(codePoints, -1, 3)).toBeNull();
  });

  it("remaps offsets past decomposed characters that NFC composes", () => {
    const decomposed = "Cafe\u0301 au lait, s'il vous plai\u0302t";
    const n = new SourceText(decomposed);
    expect(n.text).toBe(decomposed.normalize("NFC"));
    const { start, end } = recorded(decomposed, "au lait", cp);
    expect(n.text.slice(...Object.values(n.range(codePoints, start, end)!))).toBe("au lait");
  });

  it("shifts offsets by the blank lines cut from the start", () => {
    const n = new SourceText("\n\n  \nWords here");
    expect(n.text).toBe("Words here");
    expect(n.range(codePoints, 11, 15)).toEqual({ start: 6, end: 10 });
  });
});

describe("labelMatches: a selection's recorded text", () => {
  it("accepts the quote itself, or its start cut with an ellipsis, whatever the spacing", () => {
    expect(labelMatches("I hope it gets\nbetter", "I hope it gets better")).toBe(true);
    expect(labelMatches("I hope it gets better soon, really", "I hope it gets…")).toBe(true);
    expect(labelMatches("I hope it gets better", "I hope it gets better...")).toBe(true);
  });

  it("refuses labels that are not the text, and short prefixes that prove nothing", () => {
    expect(labelMatches("This district goal", "line:6")).toBe(false);
    expect(labelMatches("I hope", "I h…")).toBe(false);
    expect(labelMatches("anything", undefined)).toBe(false);
  });
});
