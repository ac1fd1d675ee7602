import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addCoding, codingsOf, resolveCodings, textOf } from "~/lib/collab/doc-model";

function docWith(text: string) {
  const doc = new Y.Doc();
  textOf(doc).insert(0, text);
  return doc;
}

describe("coding anchors", () => {
  it("move with edits before the coding and grow with edits inside it, but not at its edges", () => {
    const doc = docWith("The quick brown fox");
    addCoding(doc, "c1", { codeId: "k", start: 4, end: 9, authorId: "u" });
    textOf(doc).insert(0, ">> ");
    textOf(doc).insert(7, "["); // right before "quick": outside
    textOf(doc).insert(13, "]"); // right after "quick": outside
    textOf(doc).insert(10, "-"); // inside
    expect(textOf(doc).toString()).toBe(">> The [qu-ick] brown fox");
    expect(resolveCodings(doc)).toEqual([expect.objectContaining({ id: "c1", quote: "qu-ick", start: 8, end: 14 })]);
  });

  it("reports a coding whose text was deleted as orphaned", () => {
    const doc = docWith("keep DROP keep");
    addCoding(doc, "c1", { codeId: "k", start: 5, end: 9, authorId: "u" });
    textOf(doc).delete(5, 5);
    expect(resolveCodings(doc)).toEqual([expect.objectContaining({ id: "c1", orphaned: true, quote: "" })]);
  });

  it("skips entries that are not codings, malformed anchors and dates included", () => {
    const doc = docWith("some text");
    addCoding(doc, "good", { codeId: "k", start: 0, end: 4, authorId: "u" });
    const map = codingsOf(doc) as unknown as Y.Map<unknown>;
    map.set("junk", 42);
    map.set("half", { codeId: "k" });
    map.set("bad-anchor", { codeId: "k", start: "!!!not base64", end: "AAAA", authorId: "u", createdAt: "x", memo: "" });
    const resolved = resolveCodings(doc);
    // An anchor that does not decode (or a date that is not a date) makes no coding: the
    // projection sets such entries aside instead of storing them (issue 14).
    expect(resolved.map((c) => c.id).sort()).toEqual(["good"]);
    expect(resolved.find((c) => c.id === "good")).toMatchObject({ quote: "some", orphaned: false });
  });
});
