import { describe, expect, it } from "vitest";
import { withDepth, columnMaxima, shade } from "~/components/matrix/matrix-model";
import {
  appendTo,
  changeColumn,
  compile,
  fromFilter,
  idMaker,
  newCondition,
  newGroup,
  removeNode,
  updateNode,
  type DraftCondition,
  type DraftGroup,
} from "~/components/segments/filter-model";
import { formatP, formatPercent, sizeSentence } from "~/components/segments/format";
import type { DatasetColumn, Filter } from "~/lib/datasets/types";

const columns: DatasetColumn[] = [
  { name: "customer", type: "text" },
  { name: "tenure", type: "integer" },
  { name: "spend", type: "number" },
  { name: "churned", type: "boolean" },
  { name: "signup", type: "date" },
];

const row = (id: string, column: string, op: DraftCondition["op"], value = ""): DraftCondition => ({ kind: "condition", id, column, op, value });

describe("filter builder model", () => {
  it("turns typed rows into the API's filter, values in their column's type", () => {
    const draft: DraftGroup = {
      kind: "group",
      id: "g",
      mode: "all",
      children: [
        row("a", "churned", "eq", "true"),
        row("b", "tenure", "gte", "12"),
        row("c", "spend", "lt", "99.5"),
        row("d", "signup", "gt", "2024-02-29"),
        { kind: "group", id: "h", mode: "any", children: [row("e", "customer", "in", "K1, K2 ,K3"), row("f", "tenure", "is_null")] },
      ],
    };
    const { filter, errors } = compile(draft, columns);
    expect(errors).toEqual({});
    expect(filter).toEqual({
      all: [
        { column: "churned", op: "eq", value: true },
        { column: "tenure", op: "gte", value: 12 },
        { column: "spend", op: "lt", value: 99.5 },
        { column: "signup", op: "gt", value: "2024-02-29" },
        { any: [{ column: "customer", op: "in", value: ["K1", "K2", "K3"] }, { column: "tenure", op: "is_null" }] },
      ],
    });
  });

  it("keeps a row that cannot be read out of the filter and says what is wrong on it", () => {
    const draft: DraftGroup = {
      kind: "group",
      id: "g",
      mode: "any",
      children: [
        row("a", "tenure", "gt", "1.5"),
        row("b", "spend", "eq", "lots"),
        row("c", "signup", "eq", "29/02/2024"),
        row("d", "tenure", "in", "1, two"),
        row("e", "customer", "eq", "  "),
        row("f", "gone", "eq", "1"),
        row("g", "churned", "contains", "t"),
        row("h", "customer", "contains", "50%"),
      ],
    };
    const { filter, errors } = compile(draft, columns);
    expect(errors).toEqual({
      a: "“1.5” is not a whole number.",
      b: "“lots” is not a number.",
      c: "“29/02/2024” is not a date (YYYY-MM-DD).",
      d: "“two” is not a whole number.",
      e: "Enter a value (or choose “is empty”).",
      f: "There is no column “gone” in this dataset.",
      g: "“contains” does not apply to boolean columns.",
    });
    expect(filter).toEqual({ any: [{ column: "customer", op: "contains", value: "50%" }] });
  });

  it("reads a saved filter back into rows and compiles it to the same filter", () => {
    const saved: Filter = {
      any: [
        { column: "churned", op: "eq", value: false },
        { all: [{ column: "customer", op: "in", value: ["A", "B"] }, { column: "signup", op: "not_null" }] },
      ],
    };
    const draft = fromFilter(saved, idMaker());
    expect(draft.mode).toBe("any");
    expect((draft.children[1] as DraftGroup).children[0]).toMatchObject({ column: "customer", op: "in", value: "A, B" });
    expect(compile(draft, columns)).toEqual({ filter: saved, errors: {} });
  });

  it("adds, edits and removes rows and groups by id, leaving the rest alone", () => {
    const next = idMaker();
    let draft = newGroup(next, columns);
    const first = draft.children[0] as DraftCondition;
    expect(first).toMatchObject({ column: "customer", op: "eq", value: "" });
    const nested = newGroup(next, columns, "any");
    draft = appendTo(draft, draft.id, nested);
    draft = appendTo(draft, nested.id, newCondition(next, columns));
    expect((draft.children[1] as DraftGroup).children).toHaveLength(2);
    draft = updateNode(draft, first.id, (n) => ({ ...(n as DraftCondition), value: "K1" }));
    expect((draft.children[0] as DraftCondition).value).toBe("K1");
    draft = removeNode(draft, nested.id);
    expect(draft.children).toHaveLength(1);
    expect(new Set([first.id, nested.id, draft.id]).size).toBe(3);
  });

  it("keeps an operator that still applies when the column changes, and clears a value of another type", () => {
    const c = row("a", "tenure", "gte", "10");
    expect(changeColumn(c, columns, "spend")).toMatchObject({ column: "spend", op: "gte", value: "10" });
    expect(changeColumn(c, columns, "churned")).toMatchObject({ column: "churned", op: "eq", value: "" });
    expect(changeColumn(row("b", "customer", "contains", "x"), columns, "tenure")).toMatchObject({ op: "eq", value: "" });
  });
});

describe("matrix model and numbers", () => {
  it("indents codes by their depth in the codebook", () => {
    const codes = [
      { id: "p", name: "Price", parentId: null, color: "#000" },
      { id: "s", name: "Support", parentId: "p", color: "#000" },
      { id: "t", name: "Tone", parentId: "s", color: "#000" },
      { id: "o", name: "Orphan", parentId: "gone", color: "#000" },
    ];
    expect(withDepth(codes).map((c) => [c.id, c.depth])).toEqual([
      ["p", 0],
      ["s", 1],
      ["t", 2],
      ["o", 0],
    ]);
  });

  it("shades each cell against the largest of its column, never hiding a 1", () => {
    const matrix = {
      codes: [],
      segments: [],
      cells: [
        { codeId: "a", segmentId: "x", codings: 10, documents: 4, cases: 2 },
        { codeId: "b", segmentId: "x", codings: 1, documents: 1, cases: 1 },
        { codeId: "a", segmentId: "y", codings: 3, documents: 3, cases: 3 },
      ],
    };
    const max = columnMaxima(matrix, "cases");
    expect(Object.fromEntries(max)).toEqual({ x: 2, y: 3 });
    expect(shade(2, 2)).toBe(1);
    expect(shade(0, 2)).toBe(0);
    expect(shade(1, 100)).toBeGreaterThan(0.12);
  });

  it("writes sizes, shares and p-values as people read them", () => {
    expect(sizeSentence(1234, 10_000)).toBe("1,234 of 10,000 rows (12.3 %)");
    expect(sizeSentence(0, 0)).toBe("0 of 0 rows (–)");
    expect(formatPercent(0.4)).toBe("40 %");
    expect(formatP(0.0031)).toBe("p = 0.003");
    expect(formatP(0.5)).toBe("p = 0.50");
    expect(formatP(0.00001)).toBe("p < 0.001");
    expect(formatP(null)).toBe("p not available");
  });
});
