/**
 * The filter builder's editable state and its conversion to and from the API's filter JSON.
 * Browser-safe and pure, so it is unit-tested without a page. Values are kept as the text the
 * person typed; they become numbers, booleans or lists only when the filter is compiled, and a
 * value that cannot be read is reported on its own row instead of being sent.
 */
import type { ColumnType, DatasetColumn, Filter, FilterNode, FilterOp } from "~/lib/datasets/types";

export interface DraftCondition {
  kind: "condition";
  id: string;
  column: string;
  op: FilterOp;
  /** As typed: a number, a date (YYYY-MM-DD), "true"/"false", text, or a comma-separated list for `in`. */
  value: string;
}

export interface DraftGroup {
  kind: "group";
  id: string;
  mode: "all" | "any";
  children: DraftNode[];
}

export type DraftNode = DraftCondition | DraftGroup;

/** Which operators make sense for a column's type (the service checks again). */
export const opsByType: Record<ColumnType, FilterOp[]> = {
  integer: ["eq", "neq", "lt", "lte", "gt", "gte", "in", "is_null", "not_null"],
  number: ["eq", "neq", "lt", "lte", "gt", "gte", "in", "is_null", "not_null"],
  date: ["eq", "neq", "lt", "lte", "gt", "gte", "in", "is_null", "not_null"],
  boolean: ["eq", "neq", "is_null", "not_null"],
  text: ["eq", "neq", "contains", "in", "is_null", "not_null"],
};

/** Labels as a sentence reads them: "tenure is at least 12". */
export const opLabels: Record<FilterOp, string> = {
  eq: "is",
  neq: "is not",
  lt: "is less than",
  lte: "is at most",
  gt: "is more than",
  gte: "is at least",
  in: "is one of",
  contains: "contains",
  is_null: "is empty",
  not_null: "is not empty",
};

/** Dates read better with before/after. */
export function opLabel(op: FilterOp, type: ColumnType | undefined): string {
  if (type === "date") {
    const dates: Partial<Record<FilterOp, string>> = { lt: "is before", lte: "is on or before", gt: "is after", gte: "is on or after" };
    return dates[op] ?? opLabels[op];
  }
  return opLabels[op];
}

export const needsValue = (op: FilterOp) => op !== "is_null" && op !== "not_null";

/** Makes ids for new rows; ids are only React keys and label targets, unique within one builder. */
export function idMaker(start = 0) {
  let n = start;
  return () => `f${++n}`;
}

export function newCondition(nextId: () => string, columns: DatasetColumn[]): DraftCondition {
  const first = columns[0];
  return { kind: "condition", id: nextId(), column: first?.name ?? "", op: first ? opsByType[first.type][0]! : "eq", value: "" };
}

export function newGroup(nextId: () => string, columns: DatasetColumn[], mode: "all" | "any" = "all"): DraftGroup {
  return { kind: "group", id: nextId(), mode, children: [newCondition(nextId, columns)] };
}

const isGroup = (node: FilterNode): node is Filter => typeof node === "object" && node !== null && ("all" in node || "any" in node);

function valueText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (Array.isArray(value)) return value.map((v) => String(v)).join(", ");
  return String(value);
}

/** A saved filter as editable rows (for the edit page and for a form sent back with an error). */
export function fromFilter(filter: Filter, nextId: () => string): DraftGroup {
  const mode = "any" in filter ? "any" : "all";
  const children = ("any" in filter ? filter.any : filter.all) ?? [];
  return {
    kind: "group",
    id: nextId(),
    mode,
    children: children.map((node): DraftNode =>
      isGroup(node)
        ? fromFilter(node, nextId)
        : { kind: "condition", id: nextId(), column: node.column, op: node.op, value: valueText(node.value) },
    ),
  };
}

/** Reads a filter sent back in a form field; anything unreadable starts afresh. */
export function parseFilterField(text: string | undefined | null): Filter | null {
  if (!text) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object" && (Array.isArray((parsed as { all?: unknown }).all) || Array.isArray((parsed as { any?: unknown }).any))) {
      return parsed as Filter;
    }
  } catch {
    // Not JSON: fall through to a fresh builder.
  }
  return null;
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** One typed value, or a message saying what is wrong with it. */
function readOne(raw: string, type: ColumnType): { value: string | number | boolean } | { error: string } {
  const text = raw.trim();
  switch (type) {
    case "integer":
      if (!NUMBER.test(text) || !Number.isInteger(Number(text))) return { error: `“${text}” is not a whole number.` };
      return { value: Number(text) };
    case "number":
      if (!NUMBER.test(text)) return { error: `“${text}” is not a number.` };
      return { value: Number(text) };
    case "boolean":
      if (text !== "true" && text !== "false") return { error: "Choose true or false." };
      return { value: text === "true" };
    case "date":
      if (!DATE.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`))) return { error: `“${text}” is not a date (YYYY-MM-DD).` };
      return { value: text };
    case "text":
      return { value: raw };
  }
}

export interface Compiled {
  filter: Filter;
  /** Row id → what to fix there. The filter is only sent when this is empty. */
  errors: Record<string, string>;
}

/** The rows as the API's filter JSON, with a message on each row that cannot be sent yet. */
export function compile(group: DraftGroup, columns: DatasetColumn[]): Compiled {
  const errors: Record<string, string> = {};
  const byName = new Map(columns.map((c) => [c.name, c]));
  const walk = (g: DraftGroup): Filter => {
    const nodes: FilterNode[] = [];
    for (const child of g.children) {
      if (child.kind === "group") {
        // An empty group puts no condition on the rows, as the server reads it too.
        nodes.push(walk(child));
        continue;
      }
      const column = byName.get(child.column);
      if (!column) {
        errors[child.id] = child.column ? `There is no column “${child.column}” in this dataset.` : "Choose a column.";
        continue;
      }
      if (!opsByType[column.type].includes(child.op)) {
        errors[child.id] = `“${opLabel(child.op, column.type)}” does not apply to ${column.type} columns.`;
        continue;
      }
      if (!needsValue(child.op)) {
        nodes.push({ column: column.name, op: child.op });
        continue;
      }
      if (child.op === "in") {
        const parts = child.value.split(",").map((p) => p.trim()).filter((p) => p !== "");
        if (parts.length === 0) {
          errors[child.id] = "Enter one or more values, separated by commas.";
          continue;
        }
        const values: (string | number | boolean)[] = [];
        for (const part of parts) {
          const read = readOne(part, column.type);
          if ("error" in read) {
            errors[child.id] = read.error;
            break;
          }
          values.push(read.value);
        }
        if (!errors[child.id]) nodes.push({ column: column.name, op: "in", value: values });
        continue;
      }
      if (child.value.trim() === "") {
        errors[child.id] = "Enter a value (or choose “is empty”).";
        continue;
      }
      const read = readOne(child.value, column.type);
      if ("error" in read) errors[child.id] = read.error;
      else nodes.push({ column: column.name, op: child.op, value: read.value });
    }
    return g.mode === "any" ? { any: nodes } : { all: nodes };
  };
  return { filter: walk(group), errors };
}

// --- edits (immutable, by row id) ----------------------------------------------------------

export function updateNode(group: DraftGroup, id: string, change: (node: DraftNode) => DraftNode): DraftGroup {
  if (group.id === id) return change(group) as DraftGroup;
  return {
    ...group,
    children: group.children.map((child) =>
      child.id === id ? change(child) : child.kind === "group" ? updateNode(child, id, change) : child,
    ),
  };
}

export function removeNode(group: DraftGroup, id: string): DraftGroup {
  return {
    ...group,
    children: group.children.filter((c) => c.id !== id).map((c) => (c.kind === "group" ? removeNode(c, id) : c)),
  };
}

export function appendTo(group: DraftGroup, groupId: string, node: DraftNode): DraftGroup {
  return updateNode(group, groupId, (g) => (g.kind === "group" ? { ...g, children: [...g.children, node] } : g));
}

/** A new column keeps the operator if it still applies, else takes the type's first one; a value of another kind is cleared. */
export function changeColumn(condition: DraftCondition, columns: DatasetColumn[], name: string): DraftCondition {
  const before = columns.find((c) => c.name === condition.column);
  const after = columns.find((c) => c.name === name);
  if (!after) return { ...condition, column: name };
  const ops = opsByType[after.type];
  return {
    ...condition,
    column: name,
    op: ops.includes(condition.op) ? condition.op : ops[0]!,
    value: before && sameKind(before.type, after.type) ? condition.value : "",
  };
}

const numeric = (t: ColumnType) => t === "integer" || t === "number";
const sameKind = (a: ColumnType, b: ColumnType) => a === b || (numeric(a) && numeric(b));

/** How many conditions, for the builder's summary and the empty-filter hint. */
export function countConditions(group: DraftGroup): number {
  return group.children.reduce((n, c) => n + (c.kind === "group" ? countConditions(c) : 1), 0);
}
