import { describe, expect, it } from "vitest";
import { SourceText } from "../../app/lib/refi/import-offsets";
import { chooseOffsetScheme } from "../../app/lib/refi/offset-evidence";

const RAW = "Honestly 😅 it was rough.\r\nThe team 👩🏽‍💻 helped a lot.\r\nCosts went up 💸 again and again.\r\n";
/** Whole words of RAW, recorded by a tool that counts with `count` (and maybe the byte-order mark). */
function selections(count: (s: string) => number, bom = 0) {
  return [...RAW.matchAll(/\p{L}{3,}/gu)].map((m) => ({ start: bom + count(RAW.slice(0, m.index)), end: bom + count(RAW.slice(0, m.index! + m[0].length)), name: "" }));
}
const utf16 = (s: string) => s.length;
const codePoints = (s: string) => [...s].length;
const crlfAsOne = (s: string) => [...s.replace(/\r\n/g, "\n")].length;

describe("chooseOffsetScheme: how a file counts, without selection names", () => {
  it.each([
    ["UTF-16 units (NVivo, .NET)", utf16, 0, { unit: "utf16", crlfAsOne: false, bomCounted: false }],
    ["code points (REFI, Python)", codePoints, 0, { unit: "codepoint", crlfAsOne: false, bomCounted: false }],
    ["code points with CR LF as one", crlfAsOne, 0, { unit: "codepoint", crlfAsOne: true, bomCounted: false }],
    ["UTF-16 units with the byte-order mark counted", utf16, 1, { unit: "utf16", crlfAsOne: false, bomCounted: true }],
  ])("recognises %s from word boundaries alone", (_name, count, bom, scheme) => {
    const text = new SourceText(RAW, { bom: true });
    const choice = chooseOffsetScheme([{ text, selections: selections(count, bom) }], "Unknown tool");
    expect(choice).toEqual({ scheme });
  });

  it("lets the origin decide only when the text cannot, and says the evidence is weak", () => {
    const text = new SourceText("Stars ⭐🌟 -- !! ?? end");
    const sel = (part: string) => ({ start: "Stars ⭐🌟 -- !! ?? end".indexOf(part), end: "Stars ⭐🌟 -- !! ?? end".indexOf(part) + part.length });
    const nvivo = chooseOffsetScheme([{ text, selections: [sel("!!"), sel("??")] }], "NVivo 12");
    expect(nvivo.scheme.unit).toBe("utf16");
    expect(nvivo.weak).toMatch(/read as UTF-16 code units, as NVivo 12 writes them; check a few codings/);
    const unknown = chooseOffsetScheme([{ text, selections: [sel("!!"), sel("??")] }], undefined);
    expect(unknown.scheme.unit).toBe("codepoint");
    expect(unknown.weak).toMatch(/2 selections land on different text/);
  });

  it("reports nothing when every reading places the selections alike", () => {
    const text = new SourceText("Plain words first 😀 then more");
    expect(chooseOffsetScheme([{ text, selections: [{ start: 0, end: 5 }] }], undefined)).toEqual({ scheme: { unit: "codepoint", crlfAsOne: false, bomCounted: false } });
  });
});
