/**
 * The segment filter language (API.md "Quantitative data"): `{"all":[…]}` or `{"any":[…]}`,
 * nestable, whose leaves are `{column, op, value}`. Browser-safe: the filter builder validates
 * and describes filters with the same code the server uses. Whether a column exists and a value
 * fits its type is the compiler's job (filter-compiler.server.ts): only it knows the dataset.
 */
import { z } from "zod";
import { filterOps, type Filter, type FilterCondition, type FilterNode, type FilterOp } from "./types";

/** Deep nesting and huge filters are not something a person builds; refusing them bounds the SQL. */
export const MAX_FILTER_DEPTH = 5;
export const MAX_FILTER_CONDITIONS = 50;
/** Values an `in` condition may list. */
export const MAX_IN_VALUES = 1000;

const opList = filterOps.join(", ");

/**
 * One object shape for groups and conditions alike, told apart afterwards: a zod union would
 * answer "Invalid input" for a typo in an op deep inside, instead of naming it.
 */
const nodeSchema: z.ZodType<FilterNode> = z.lazy(() =>
  z
    .strictObject(
      {
        all: z.array(nodeSchema, { error: "`all` must be a list of conditions or groups." }).optional(),
        any: z.array(nodeSchema, { error: "`any` must be a list of conditions or groups." }).optional(),
        column: z
          .string({ error: "`column` must be a column name." })
          .min(1, "`column` must be a column name.")
          .max(200, "`column` is too long.")
          .optional(),
        op: z.string({ error: "`op` must be a string." }).optional(),
        value: z.unknown().optional(),
      },
      {
        error: (issue) =>
          issue.code === "unrecognized_keys"
            ? `Unknown ${issue.keys.length === 1 ? "key" : "keys"} ${issue.keys.map((k) => `"${k}"`).join(", ")}: a condition has column, op and value; a group has \`all\` or \`any\`.`
            : "Each part of a filter must be an object: a condition or an all/any group.",
      },
    )
    .superRefine((node, ctx) => {
      const groupKeys = [node.all, node.any].filter((g) => g !== undefined).length;
      const conditionKeys = [node.column, node.op, node.value].some((v) => v !== undefined);
      if (groupKeys > 1) ctx.addIssue({ code: "custom", message: "A group has either `all` or `any`, not both." });
      else if (groupKeys === 1 && conditionKeys) {
        ctx.addIssue({ code: "custom", message: "A group cannot also be a condition (column/op/value)." });
      } else if (groupKeys === 0) {
        if (node.column === undefined) ctx.addIssue({ code: "custom", path: ["column"], message: "A condition needs a `column`." });
        if (node.op === undefined) ctx.addIssue({ code: "custom", path: ["op"], message: `A condition needs an \`op\`: one of ${opList}.` });
        else if (!(filterOps as readonly string[]).includes(node.op)) {
          ctx.addIssue({ code: "custom", path: ["op"], message: `Unknown op "${node.op}": use one of ${opList}.` });
        }
      }
    })
    .transform((node): FilterNode => {
      if (node.all) return { all: node.all };
      if (node.any) return { any: node.any };
      const condition: FilterCondition = { column: node.column!, op: node.op as FilterOp };
      if (node.value !== undefined) condition.value = node.value;
      return condition;
    }),
);

export const isGroup = (node: FilterNode): node is Filter => "all" in node || "any" in node;
export const groupItems = (group: Filter): FilterNode[] => ("all" in group ? group.all : group.any);

/** Levels of groups: `{"all":[]}` is 1. */
export function filterDepth(node: FilterNode): number {
  return isGroup(node) ? 1 + Math.max(0, ...groupItems(node).map(filterDepth)) : 0;
}

export function countConditions(node: FilterNode): number {
  return isGroup(node) ? groupItems(node).reduce((n, child) => n + countConditions(child), 0) : 1;
}

/** A whole filter: a group at the top, within the depth and size limits. */
export const filterSchema: z.ZodType<Filter> = nodeSchema
  .refine(isGroup, 'A filter is a group at the top: {"all":[…]} or {"any":[…]}.')
  .refine((f) => filterDepth(f) <= MAX_FILTER_DEPTH, `A filter can nest groups at most ${MAX_FILTER_DEPTH} deep.`)
  .refine(
    (f) => countConditions(f) <= MAX_FILTER_CONDITIONS,
    `A filter can hold at most ${MAX_FILTER_CONDITIONS} conditions.`,
  ) as z.ZodType<Filter>;

/** `all[0].any[2].op`: where in the filter a problem is. */
function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, part) => (typeof part === "number" ? `${text}[${part}]` : text ? `${text}.${String(part)}` : String(part)),
    "",
  );
}

export type FilterParse = { ok: true; filter: Filter } | { ok: false; message: string };

/** Nesting of the raw JSON, counted no further than `limit` + 1 so a hostile body cannot recurse deeply. */
function rawDepth(raw: unknown, limit: number): number {
  if (limit < 0 || raw === null || typeof raw !== "object") return 0;
  const children = Array.isArray(raw) ? raw : Object.values(raw);
  return 1 + Math.max(0, ...children.map((child) => rawDepth(child, limit - 1)));
}

/** Parses a filter and, when it is wrong, says where and what in one sentence. */
export function parseFilter(raw: unknown): FilterParse {
  // Each group is an object holding an array: two levels of JSON per level of groups, plus a condition's `in` list.
  if (rawDepth(raw, 2 * MAX_FILTER_DEPTH + 3) > 2 * MAX_FILTER_DEPTH + 2) {
    return { ok: false, message: `Invalid filter: a filter can nest groups at most ${MAX_FILTER_DEPTH} deep.` };
  }
  const parsed = filterSchema.safeParse(raw);
  if (parsed.success) return { ok: true, filter: parsed.data };
  const [issue] = parsed.error.issues;
  const where = issue?.path.length ? ` at ${pathText(issue.path)}` : "";
  return { ok: false, message: `Invalid filter${where}: ${issue?.message ?? "not a filter."}` };
}

// ---------------------------------------------------------------------------------------------
// A readable sentence for the builder and the segment pages.

const symbols: Partial<Record<FilterOp, string>> = { lt: "<", lte: "≤", gt: ">", gte: "≥" };
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function valueText(value: unknown): string {
  if (typeof value === "string") return ISO_DATE.test(value) ? value : JSON.stringify(value);
  if (value === null || value === undefined) return "empty";
  return String(value);
}

function conditionText({ column, op, value }: FilterCondition): string {
  switch (op) {
    case "eq":
      return typeof value === "boolean" || value === null ? `${column} is ${valueText(value)}` : `${column} = ${valueText(value)}`;
    case "neq":
      return typeof value === "boolean" || value === null ? `${column} is not ${valueText(value)}` : `${column} ≠ ${valueText(value)}`;
    case "in":
      return `${column} is one of ${Array.isArray(value) ? value.map(valueText).join(", ") : valueText(value)}`;
    case "contains":
      return `${column} contains ${valueText(value)}`;
    case "is_null":
      return `${column} is empty`;
    case "not_null":
      return `${column} is not empty`;
    default:
      return `${column} ${symbols[op]} ${valueText(value)}`;
  }
}

function nodeText(node: FilterNode, nested: boolean): string {
  if (!isGroup(node)) return conditionText(node);
  const items = groupItems(node);
  if (items.length === 0) return "every row";
  const text = items.map((child) => nodeText(child, true)).join("all" in node ? " and " : " or ");
  return nested && items.length > 1 ? `(${text})` : text;
}

/** E.g. `churned is true and (calls_90d ≥ 3 or complaints > 0)`. */
export function describeFilter(filter: Filter): string {
  return nodeText(filter, false);
}
