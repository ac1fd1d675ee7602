import { columnTypes } from "../../datasets/types";
import { MAX_PAGE_ROWS } from "../../datasets/rows.server";
import { errors, ok, pathParam, projectPath, ref } from "./helpers";

const datasetPath = pathParam("datasetId");
const nullableNumber = { type: ["number", "null"] };
const columnType = { type: "string", enum: [...columnTypes] };
const errorBody = (description: string) => ({ description, content: { "application/json": { schema: ref("Error") } } });

/** A CSV body: the header row first, then one record per line (RFC 4180 quoting). */
const csvBody = (description: string, example: string) => ({
  required: true,
  description,
  content: { "text/csv": { schema: { type: "string" }, example } },
});

const invalidCsv = errorBody(
  "invalid_csv: a malformed CSV, a value that does not fit its column's type, an empty or repeated key; the message " +
    "names the line (header = line 1) and the column, also given in error.fields {line, column}. invalid_header: an " +
    "empty or repeated header name. Nothing is imported.",
);

const query = (name: string, description: string, schema: object, required = false) => ({
  name,
  in: "query",
  required,
  description,
  schema,
});

export const datasetSchemas = {
  DatasetColumn: {
    type: "object",
    properties: { name: { type: "string", description: "The CSV header, trimmed" }, type: columnType },
    required: ["name", "type"],
  },
  Dataset: {
    type: "object",
    properties: {
      id: { type: "string" },
      projectId: { type: "string" },
      name: { type: "string" },
      key: { type: "string", description: "The key column's name; its values are documents' case keys (always text)" },
      rowCount: { type: "integer" },
      columns: { type: "array", items: ref("DatasetColumn") },
      createdAt: { type: "string", format: "date-time" },
    },
    required: ["id", "name", "key", "rowCount", "columns"],
  },
  CsvPreview: {
    type: "object",
    properties: {
      columns: { type: "array", items: ref("DatasetColumn"), description: "With the types inferred from the sampled rows" },
      rows: {
        type: "array",
        description: "The first rows as parsed text; null for an empty field",
        items: { type: "array", items: { type: ["string", "null"] } },
      },
      sampledRows: { type: "integer", description: "How many rows the types were inferred from" },
    },
    required: ["columns", "rows", "sampledRows"],
  },
  DatasetPage: {
    type: "object",
    properties: {
      columns: { type: "array", items: ref("DatasetColumn") },
      rows: {
        type: "array",
        description: "Cells in column order: numbers, booleans, dates as YYYY-MM-DD, text; null for empty",
        items: { type: "array", items: { type: ["string", "number", "boolean", "null"] } },
      },
      offset: { type: "integer" },
      limit: { type: "integer" },
      total: { type: "integer", description: "Rows in the whole dataset" },
      sort: { type: ["string", "null"] },
      dir: { type: "string", enum: ["asc", "desc"] },
    },
    required: ["columns", "rows", "offset", "limit", "total", "sort", "dir"],
  },
  ColumnSummary: {
    type: "object",
    description:
      "count and nulls for every column; min, max, mean, median and histogram for integer and number columns; " +
      "min and max (YYYY-MM-DD) for dates; distinct and top (most frequent first, at most 10) for text and booleans.",
    properties: {
      name: { type: "string" },
      type: columnType,
      count: { type: "integer", description: "Non-empty values" },
      nulls: { type: "integer", description: "Empty values" },
      min: { type: ["number", "string", "null"] },
      max: { type: ["number", "string", "null"] },
      mean: nullableNumber,
      median: nullableNumber,
      histogram: {
        type: "array",
        description: "Equal-width bins from min to max; the counts add up to count",
        items: {
          type: "object",
          properties: { from: { type: "number" }, to: { type: "number" }, count: { type: "integer" } },
          required: ["from", "to", "count"],
        },
      },
      top: {
        type: "array",
        items: {
          type: "object",
          properties: { value: { type: "string" }, count: { type: "integer" } },
          required: ["value", "count"],
        },
      },
      distinct: { type: "integer" },
    },
    required: ["name", "type", "count", "nulls"],
  },
};

export const datasetPaths = {
  "/api/v1/projects/{projectId}/datasets": {
    parameters: [projectPath],
    get: {
      summary: "The project's datasets, by name",
      responses: {
        "200": ok("Datasets", {
          type: "object",
          properties: { datasets: { type: "array", items: ref("Dataset") } },
          required: ["datasets"],
        }),
        ...errors(401, 403, 404),
      },
    },
    post: {
      summary: "Import a CSV as a new dataset (owner, researcher)",
      description:
        "The body streams into a new typed table. Column types are inferred from the first rows (integer, number, " +
        "boolean as true/false/yes/no, date as YYYY-MM-DD, else text) unless `types` says otherwise; empty fields " +
        "are NULL. The key column is always text and must be non-empty and unique. All or nothing: on any error " +
        "no table and no dataset are left behind.",
      parameters: [
        query("name", "The dataset's name, unique in the project", { type: "string", minLength: 1, maxLength: 200 }, true),
        query("key", "The header of the column whose values are case keys", { type: "string", minLength: 1 }, true),
        query("types", 'Optional JSON object of header → type overriding inference, e.g. {"zip":"text"}', {
          type: "string",
        }),
      ],
      requestBody: csvBody("The CSV, header row first", "customer_id,age,churned\nC0001,34,true\n"),
      responses: {
        "201": ok("Imported", ref("Dataset")),
        "400": invalidCsv,
        ...errors(401, 403, 404),
        "409": errorBody("dataset_exists: the project already has a dataset by that name"),
        ...errors(413),
        "415": errorBody("The body is not text/csv"),
        "422": errorBody("unknown_key: the key is not a header; invalid_types: types name an unknown column or type the key"),
      },
    },
  },
  "/api/v1/projects/{projectId}/datasets/preview": {
    parameters: [projectPath],
    post: {
      summary: "Columns, inferred types and first rows of a CSV's head, before importing (owner, researcher)",
      description:
        "Send the first part of the file (a few hundred KB). A last record cut short by the end of the head is " +
        "left out rather than reported. Nothing is stored.",
      requestBody: csvBody("The head of the CSV, header row first", "customer_id,age\nC0001,34\nC0002,41\n"),
      responses: {
        "200": ok("Preview", ref("CsvPreview")),
        "400": invalidCsv,
        ...errors(401, 403, 404, 413),
        "415": errorBody("The body is not text/csv"),
      },
    },
  },
  "/api/v1/datasets/{datasetId}": {
    parameters: [datasetPath],
    get: { summary: "A dataset and its columns", responses: { "200": ok("Dataset", ref("Dataset")), ...errors(401, 403, 404) } },
    delete: {
      summary: "Delete a dataset with its table and its segments (owner, researcher)",
      responses: { "204": ok("Deleted"), ...errors(401, 403, 404) },
    },
  },
  "/api/v1/datasets/{datasetId}/rows": {
    parameters: [datasetPath],
    get: {
      summary: "A page of rows, sorted by one column (NULLs last), ties by the key",
      parameters: [
        query("offset", "Rows to skip", { type: "integer", minimum: 0, default: 0 }),
        query("limit", "Rows in the page", { type: "integer", minimum: 1, maximum: MAX_PAGE_ROWS, default: 50 }),
        query("sort", "A column name; without it rows are in key order", { type: "string" }),
        query("dir", "Sort direction", { type: "string", enum: ["asc", "desc"], default: "asc" }),
      ],
      responses: {
        "200": ok("Rows", ref("DatasetPage")),
        ...errors(400, 401, 403, 404),
        "422": errorBody("unknown_column: the dataset has no column by the sort name"),
      },
    },
  },
  "/api/v1/datasets/{datasetId}/summary": {
    parameters: [datasetPath],
    get: {
      summary: "Per-column counts, ranges, averages, histograms and most frequent values",
      description: "Computed on the first request and kept: datasets do not change after import.",
      responses: {
        "200": ok("Summary", {
          type: "object",
          properties: { columns: { type: "array", items: ref("ColumnSummary") } },
          required: ["columns"],
        }),
        ...errors(401, 403, 404),
      },
    },
  },
};
