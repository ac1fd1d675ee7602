/**
 * Compiles a segment filter into a boolean SQL expression over one dataset table. Identifiers
 * come only from the dataset's stored columns (never from the request), and every value is a
 * bound parameter cast to its column's SQL type, so a filter is data and never SQL.
 */
import { sql, type SQL } from "drizzle-orm";
import type { StoredColumn } from "../../../db/schema";
import { HttpError } from "../http/errors.server";
import { groupItems, isGroup, MAX_IN_VALUES } from "./filter";
import { columnSql } from "./sql.server";
import type { ColumnType, Filter, FilterCondition, FilterNode } from "./types";

export const invalidFilter = (message: string) => new HttpError(422, "invalid_filter", message);

/**
 * The SQL type a parameter is cast to, per column type. A bigint parameter compares with an
 * integer or bigint column alike (cross-type btree operators), so an index still applies.
 */
const castTo: Record<ColumnType, SQL> = {
  integer: sql.raw("bigint"),
  number: sql.raw("double precision"),
  boolean: sql.raw("boolean"),
  date: sql.raw("date"),
  text: sql.raw("text"),
};

const ordered: ReadonlySet<ColumnType> = new Set(["integer", "number", "date"]);
const MAX_TEXT_VALUE = 1000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const typeWords: Record<ColumnType, string> = {
  integer: "a whole number",
  number: "a number",
  boolean: "true or false",
  date: "a date written YYYY-MM-DD",
  text: "text",
};

function validDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function fitsType(value: unknown, type: ColumnType): boolean {
  switch (type) {
    case "integer":
      return typeof value === "number" && Number.isSafeInteger(value);
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "boolean":
      return typeof value === "boolean";
    case "date":
      return typeof value === "string" && validDate(value);
    case "text":
      return typeof value === "string" && value.length <= MAX_TEXT_VALUE;
  }
}

/** "an integer column", "a date column". */
const aColumn = (type: ColumnType) => `${type === "integer" ? "an" : "a"} ${type} column`;

const shown = (value: unknown) => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
};

/** A value as a typed parameter; 422 naming the column when it does not fit. */
function param(column: StoredColumn, value: unknown): SQL {
  if (!fitsType(value, column.type)) {
    const long = column.type === "text" && typeof value === "string";
    throw invalidFilter(
      long
        ? `The value for "${column.name}" is longer than ${MAX_TEXT_VALUE} characters.`
        : `"${column.name}" is ${aColumn(column.type)}: the value must be ${typeWords[column.type]}, not ${shown(value)}.`,
    );
  }
  return sql`${value}::${castTo[column.type]}`;
}

/** `%` and `_` in what the person typed match themselves, not any text. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function compileCondition(condition: FilterCondition, byName: Map<string, StoredColumn>, alias?: string): SQL {
  const column = byName.get(condition.column);
  if (!column) throw invalidFilter(`This dataset has no column "${condition.column}".`);
  const col = columnSql(column, alias);
  const { op, value } = condition;
  const noValue = op === "is_null" || op === "not_null";
  if (noValue && value !== undefined && value !== null) {
    throw invalidFilter(`"${op}" on "${column.name}" takes no value.`);
  }
  if (!noValue && (value === undefined || value === null)) {
    throw invalidFilter(`"${op}" on "${column.name}" needs a value (use is_null or not_null for empty cells).`);
  }
  switch (op) {
    case "eq":
      return sql`${col} = ${param(column, value)}`;
    case "neq":
      // "Not X" includes rows where the cell is empty, as a person reading the filter expects.
      return sql`${col} is distinct from ${param(column, value)}`;
    case "lt":
    case "lte":
    case "gt":
    case "gte": {
      if (!ordered.has(column.type)) {
        throw invalidFilter(`"${op}" compares numbers and dates; "${column.name}" is ${aColumn(column.type)}.`);
      }
      const operator = { lt: "<", lte: "<=", gt: ">", gte: ">=" }[op];
      return sql`${col} ${sql.raw(operator)} ${param(column, value)}`;
    }
    case "in": {
      if (!Array.isArray(value) || value.length === 0 || value.length > MAX_IN_VALUES) {
        throw invalidFilter(`"in" on "${column.name}" needs a list of 1 to ${MAX_IN_VALUES} values.`);
      }
      return sql`${col} in (${sql.join(
        value.map((v) => param(column, v)),
        sql`, `,
      )})`;
    }
    case "contains": {
      if (column.type !== "text") {
        throw invalidFilter(`"contains" searches text; "${column.name}" is ${aColumn(column.type)}.`);
      }
      return sql`${col} ilike ${param(column, likePattern(String(value)))} escape '\\'`;
    }
    case "is_null":
      return sql`${col} is null`;
    case "not_null":
      return sql`${col} is not null`;
    default:
      throw invalidFilter(`Unknown op "${String(op)}" on "${column.name}".`);
  }
}

function compileNode(node: FilterNode, byName: Map<string, StoredColumn>, alias?: string): SQL {
  if (!isGroup(node)) return compileCondition(node, byName, alias);
  const items = groupItems(node);
  // An empty group puts no condition on the rows: every row is in.
  if (items.length === 0) return sql`true`;
  const parts = items.map((child) => sql`(${compileNode(child, byName, alias)})`);
  return sql.join(parts, sql.raw("all" in node ? " and " : " or "));
}

/**
 * A boolean expression over the dataset table (qualified by `alias` when given). It may be
 * NULL for a row with empty cells: callers test it with `is true` / `is not true`.
 */
export function compileFilter(filter: Filter, columns: StoredColumn[], alias?: string): SQL {
  const byName = new Map(columns.map((c) => [c.name, c]));
  return sql`(${compileNode(filter, byName, alias)})`;
}

/** The columns a filter reads, for pages that show which numbers define a segment. */
export function filterColumns(filter: Filter): string[] {
  const names = new Set<string>();
  const walk = (node: FilterNode) => (isGroup(node) ? groupItems(node).forEach(walk) : names.add(node.column));
  walk(filter);
  return [...names];
}
