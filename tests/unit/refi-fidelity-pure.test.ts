import { describe, expect, it } from "vitest";
import { applicableCodes, codeTree } from "../../app/components/editor/codebook-tree";
import { KIND_VARIABLE_GUID, kindFromValue, kindVariableGuid } from "../../app/lib/refi/document-kind";
import { refiGuid } from "../../app/lib/refi/guid";
import { matchUsers, toolName } from "../../app/lib/refi/import-people";
import { GuidKeeper, selectionGroups } from "../../app/lib/refi/kept-guids";
import { memoAuthorLabel } from "../../app/lib/refi/memo-author";

describe("document kind in REFI-QDA", () => {
  it("reads a kind by key or label, whatever the case, and nothing else", () => {
    expect(kindFromValue("Field note")).toBe("field_note");
    expect(kindFromValue(" FIELD_NOTE ")).toBe("field_note");
    expect(kindFromValue("interview")).toBe("interview");
    expect(kindFromValue("Podcast")).toBeNull();
    expect(kindFromValue(3)).toBeNull();
  });

  it("knows its variable by Thicket's GUID first, else by its name", () => {
    expect(kindVariableGuid([{ guid: "x", name: "Thicket document kind" }, { guid: KIND_VARIABLE_GUID.toUpperCase(), name: "Renamed" }])).toBe(KIND_VARIABLE_GUID);
    expect(kindVariableGuid([{ guid: "x", name: " thicket document KIND " }])).toBe("x");
    expect(kindVariableGuid([{ guid: "x", name: "Kind" }])).toBeNull();
  });
});

describe("a file's users", () => {
  const members = [
    { id: "m1", email: "ana@example.org", name: "Ana Lopez" },
    { id: "m2", email: "sam@example.org", name: "Sam" },
    { id: "m3", email: "sam2@example.org", name: "sam" },
  ];
  it("match members by e-mail (in id or name) first, then by a name only one member has", () => {
    const matched = matchUsers(
      [
        { guid: "g1", name: "Someone", id: "ANA@example.org" },
        { guid: "g2", name: "  ana   lopez " },
        { guid: "g3", name: "Sam" },
        { guid: "g4", name: "sam2@example.org" },
        { guid: "g5", name: "Nobody" },
      ],
      members,
    );
    expect(Object.fromEntries(matched)).toEqual({ g1: "m1", g2: "m1", g4: "m3" });
  });

  it("are shown with the tool that wrote the file", () => {
    expect(toolName("NVivo for Mac 15.0.0")).toBe("NVivo");
    expect(toolName("ATLAS.ti for Windows 23.2.3.27778")).toBe("ATLAS.ti");
    expect(toolName("NVivo 14 (14.23.0)")).toBe("NVivo");
    expect(toolName("MAXQDA 2022")).toBe("MAXQDA");
    expect(toolName("qc 1.3.2")).toBe("qc");
    expect(toolName(undefined)).toBeNull();
    expect(memoAuthorLabel({ authorName: null, importedAuthor: { name: "Ana", from: "NVivo" } })).toBe("Ana (from NVivo)");
    expect(memoAuthorLabel({ authorName: null, importedAuthor: { name: "Ana", from: null } })).toBe("Ana (from an imported file)");
    expect(memoAuthorLabel({ authorName: "Sam", importedAuthor: null })).toBe("Sam");
    expect(memoAuthorLabel({ authorName: null })).toBe("A former member");
  });
});

describe("kept GUIDs", () => {
  const A = "0f1e2d3c-0000-4000-8000-00000000000a";
  it("are kept once per project, only when they are GUIDs, a selection's by all its codings", () => {
    const keeper = new GuidKeeper();
    expect(keeper.keep("code", "c1", A)).toBe(true);
    expect(keeper.keep("source", "d1", `{${A.toUpperCase()}}`)).toBe(false);
    expect(keeper.keep("code", "c2", "not-a-guid")).toBe(false);
    expect(keeper.keep("selection", ["k1", "k2"], "0f1e2d3c-0000-4000-8000-00000000000b")).toBe(true);
    expect(keeper.rows.map((r) => `${r.kind}:${r.objectId}`)).toEqual(["code:c1", "selection:k1", "selection:k2"]);
  });

  it("write a file's selection once for its codings still on one range, and never twice", () => {
    const coding = (id: string, start: number, end: number, memo = "") => ({ id, start, end, memo });
    const guids = new Map([
      ["a", { selection: A, codingNote: "n" }],
      ["b", { selection: A, codingNote: "n" }],
      ["c", { selection: A }],
    ]);
    const groups = selectionGroups([coding("a", 0, 4, "m"), coding("b", 0, 4, "m"), coding("c", 5, 9), coding("d", 0, 4)], guids);
    expect(groups.map((g) => [g.guid, g.codings.map((c) => c.id), g.sharedNote])).toEqual([
      [A, ["a", "b"], "n"],
      // Moved since: a selection of its own, under another GUID.
      [expect.not.stringMatching(A), ["c"], undefined],
      [refiGuid("selection", "d"), ["d"], undefined],
    ]);
  });
});

it("the editor's palette offers codes, never folders", () => {
  const tree = codeTree([
    { id: "f", name: "Themes", parentId: null, color: "#777777", description: "", codable: false },
    { id: "w", name: "Waiting", parentId: "f", color: "#aa3300", description: "", codable: true },
  ]);
  expect(applicableCodes(tree).map((c) => [c.name, c.path])).toEqual([["Waiting", ["Themes"]]]);
});
