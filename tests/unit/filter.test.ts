import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { describeFilter, filterSchema, MAX_FILTER_CONDITIONS, parseFilter } from "~/lib/datasets/filter";
import { compileFilter, likePattern } from "~/lib/datasets/filter-compiler.server";
import type { Filter } from "~/lib/datasets/types";
import type { StoredColumn } from "../../db/schema";

const nest = (depth: number): unknown => (depth === 1 ? { all: [] } : { any: [nest(depth - 1)] });

describe("filterSchema", () => {
  it("accepts all/any groups, nested, with conditions of every op", () => {
    const filter = {
      all: [
        { column: "churned", op: "eq", value: true },
        { any: [{ column: "calls_90d", op: "gte", value: 3 }, { column: "plan", op: "in", value: ["Gold", "Silver"] }] },
        { column: "closed_at", op: "is_null" },
      ],
    };
    expect(filterSchema.parse(filter)).toEqual(filter);
    expect(filterSchema.parse({ any: [] })).toEqual({ any: [] });
  });

  it.each([
    [{ all: [{ column: "a", op: "like", value: 1 }] }, 'at all[0].op: Unknown op "like"'],
    [{ all: [{ any: [{ column: "a" }] }] }, "at all[0].any[0].op: A condition needs an `op`"],
    [{ all: [{ op: "eq", value: 1 }] }, "at all[0].column: A condition needs a `column`"],
    [{ all: [], any: [] }, "either `all` or `any`, not both"],
    [{ all: [{ column: "a", op: "eq", value: 1, sql: "x" }] }, 'Unknown key "sql"'],
    [{ column: "a", op: "eq", value: 1 }, "a group at the top"],
    [{ all: "a = 1" }, "`all` must be a list"],
    ["a = 1", "must be an object"],
    [null, "must be an object"],
  ])("rejects %j, saying where and what", (raw, message) => {
    const parsed = parseFilter(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(message);
  });

  it("limits nesting to 5 levels of groups and 50 conditions", () => {
    expect(parseFilter(nest(5)).ok).toBe(true);
    expect(parseFilter(nest(6))).toMatchObject({ ok: false, message: expect.stringContaining("at most 5 deep") });
    // A hostile body nested thousands deep is refused before it is walked.
    expect(parseFilter(nest(5000))).toMatchObject({ ok: false });
    const many = (n: number) => ({ any: Array.from({ length: n }, (_, i) => ({ column: "a", op: "eq", value: i })) });
    expect(parseFilter(many(MAX_FILTER_CONDITIONS)).ok).toBe(true);
    expect(parseFilter(many(MAX_FILTER_CONDITIONS + 1))).toMatchObject({ message: expect.stringContaining("at most 50 conditions") });
  });
});

describe("describeFilter", () => {
  it("reads like a sentence, with brackets only around nested groups of several", () => {
    const filter: Filter = {
      all: [
        { column: "churned", op: "eq", value: true },
        { any: [{ column: "calls_90d", op: "gte", value: 3 }, { column: "complaints", op: "gt", value: 0 }] },
      ],
    };
    expect(describeFilter(filter)).toBe("churned is true and (calls_90d ≥ 3 or complaints > 0)");
  });

  it("words every op, quotes text and leaves dates bare", () => {
    const filter: Filter = {
      any: [
        { column: "plan", op: "neq", value: "Basic" },
        { column: "joined", op: "lt", value: "2024-01-31" },
        { column: "region", op: "in", value: ["North", "East"] },
        { column: "notes", op: "contains", value: "refund" },
        { column: "email", op: "is_null" },
        { all: [{ column: "spend", op: "lte", value: 9.5 }] },
        { column: "vip", op: "neq", value: false },
        { column: "tenure", op: "not_null" },
      ],
    };
    expect(describeFilter(filter)).toBe(
      'plan ≠ "Basic" or joined < 2024-01-31 or region is one of "North", "East" or notes contains "refund" or ' +
        "email is empty or spend ≤ 9.5 or vip is not false or tenure is not empty",
    );
    expect(describeFilter({ all: [] })).toBe("every row");
  });
});

const columns: StoredColumn[] = [
  { name: "Customer ID", type: "text", sqlName: "customer_id" },
  { name: "calls_90d", type: "integer", sqlName: "calls_90d" },
  { name: "spend", type: "number", sqlName: "spend" },
  { name: "churned", type: "boolean", sqlName: "churned" },
  { name: "joined", type: "date", sqlName: "joined" },
];
const render = (filter: Filter) => new PgDialect().sqlToQuery(compileFilter(filter, columns, "r"));

describe("compileFilter", () => {
  it("quotes stored identifiers and binds every value as a typed parameter", () => {
    const q = render({
      all: [
        { column: "Customer ID", op: "eq", value: "'; drop table users; --" },
        { any: [{ column: "calls_90d", op: "gte", value: 3 }, { column: "joined", op: "lt", value: "2024-02-29" }] },
        { column: "calls_90d", op: "in", value: [1, 2] },
      ],
    });
    expect(q.sql).toBe(
      '(("r"."customer_id" = $1::text) and (("r"."calls_90d" >= $2::bigint) or ("r"."joined" < $3::date)) and ("r"."calls_90d" in ($4::bigint, $5::bigint)))',
    );
    expect(q.params).toEqual(["'; drop table users; --", 3, "2024-02-29", 1, 2]);
  });

  it("makes contains case-insensitive with % and _ matching themselves", () => {
    expect(likePattern("50%_off\\")).toBe("%50\\%\\_off\\\\%");
    const q = render({ all: [{ column: "Customer ID", op: "contains", value: "a%" }] });
    expect(q.sql).toBe(`(("r"."customer_id" ilike $1::text escape '\\'))`);
    expect(q.params).toEqual(["%a\\%%"]);
  });

  it("treats an empty group as every row", () => {
    expect(render({ any: [] }).sql).toBe("(true)");
  });

  it.each<[Filter, string]>([
    [{ all: [{ column: '"x"; drop table users; --', op: "eq", value: 1 }] }, 'no column ""x"; drop table users; --"'],
    [{ all: [{ column: "calls_90d", op: "eq", value: "3" }] }, '"calls_90d" is an integer column: the value must be a whole number, not "3"'],
    [{ all: [{ column: "calls_90d", op: "eq", value: 2.5 }] }, "must be a whole number"],
    [{ all: [{ column: "joined", op: "gt", value: "2023-02-30" }] }, "a date written YYYY-MM-DD"],
    [{ all: [{ column: "churned", op: "gt", value: true }] }, '"gt" compares numbers and dates; "churned" is a boolean column'],
    [{ all: [{ column: "spend", op: "contains", value: "1" }] }, '"contains" searches text; "spend" is a number column'],
    [{ all: [{ column: "spend", op: "in", value: [] }] }, '"in" on "spend" needs a list of 1 to 1000 values'],
    [{ all: [{ column: "spend", op: "in", value: [1, "2"] }] }, "must be a number"],
    [{ all: [{ column: "spend", op: "eq" }] }, '"eq" on "spend" needs a value'],
    [{ all: [{ column: "spend", op: "is_null", value: 1 }] }, '"is_null" on "spend" takes no value'],
    [{ all: [{ column: "churned", op: "eq", value: "true" }] }, "must be true or false"],
  ])("refuses %j with a 422 naming the column", (filter, message) => {
    let error: { status?: number; code?: string; message?: string } = {};
    try {
      compileFilter(filter, columns);
    } catch (err) {
      error = err as typeof error;
    }
    expect(error).toMatchObject({ status: 422, code: "invalid_filter" });
    expect(error.message).toContain(message);
  });
});
