import { describe, expect, it } from "vitest";
import { fileHead, guessKeyColumn, nameFromFile, PREVIEW_BYTES } from "~/components/datasets/import-defaults";
import { importProblem } from "~/components/datasets/import-problem";
import { sortedBy, tableSearch } from "~/components/datasets/table-query";

const cols = (...names: string[]) => names.map((name) => ({ name, type: "text" as const }));
const file = { name: "customers.csv", size: 3 * 1024 * 1024 };

describe("import defaults", () => {
  it("names the dataset after the file, without its extension", () => {
    expect(nameFromFile("Customers 2024.csv")).toBe("Customers 2024");
    expect(nameFromFile("export.CSV")).toBe("export");
  });

  it("preselects an id-like key column, and none when nothing looks like one", () => {
    expect(guessKeyColumn(cols("name", "customer_id", "ID"))).toBe("ID");
    expect(guessKeyColumn(cols("name", "Customer ID", "spend"))).toBe("Customer ID");
    expect(guessKeyColumn(cols("site-key", "visits"))).toBe("site-key");
    expect(guessKeyColumn(cols("customerId", "visits"))).toBe("customerId");
    expect(guessKeyColumn(cols("paid", "valid", "monkey"))).toBeNull();
  });

  it("sends only the head of a large file, cut after its last whole line", async () => {
    const line = "C-001,ünïcödé,42\n";
    const big = new Blob([line.repeat(Math.ceil((PREVIEW_BYTES * 2) / line.length))]);
    const head = await fileHead(big);
    expect(head.size).toBeLessThanOrEqual(PREVIEW_BYTES);
    const text = await head.text();
    expect(text.endsWith("\n")).toBe(true);
    expect(text.split("\n").slice(0, -1).every((l) => l === "C-001,ünïcödé,42")).toBe(true);
  });
});

describe("import problems", () => {
  it("names the line and column of a malformed CSV apart from the problem", () => {
    const body = {
      error: {
        code: "invalid_csv",
        message: 'Line 11000, column "tenure": "lots" is not an integer.',
        fields: { line: "11000", column: "tenure" },
      },
    };
    expect(importProblem(400, body, file, "Customers")).toEqual({
      about: "file",
      where: "Line 11,000, column “tenure”",
      message: "“lots” is not an integer.".replace(/[“”]/g, '"'),
    });
  });

  it("says the size limit in megabytes, and a taken name on the name field", () => {
    const tooLarge = { error: { code: "payload_too_large", message: "The request body is larger than 1048576 bytes." } };
    expect(importProblem(413, tooLarge, file, "Customers").message).toBe(
      "“customers.csv” is 3.0 MB; the most a dataset file may be is 1.0 MB.",
    );
    const taken = { error: { code: "dataset_exists", message: "…" } };
    expect(importProblem(409, taken, file, "Customers")).toMatchObject({ about: "name" });
    expect(importProblem(409, taken, file, "Customers").message).toContain("“Customers” already exists");
  });
});

describe("table links", () => {
  it("sorts ascending first, flips on the second click, and starts again at page 1", () => {
    const start = { sort: null, dir: "asc" as const, page: 3 };
    const once = sortedBy(start, "spend");
    expect(tableSearch(once)).toBe("?sort=spend&dir=asc");
    expect(tableSearch(sortedBy(once, "spend"))).toBe("?sort=spend&dir=desc");
    expect(tableSearch({ ...once, page: 2 })).toBe("?sort=spend&dir=asc&page=2");
    expect(tableSearch({ sort: null, dir: "asc", page: 1 })).toBe("");
  });
});
