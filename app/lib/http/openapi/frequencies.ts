import { MAX_COOCCURRENCE_DOCUMENTS } from "../../analysis/cooccurrence-query";
import { NO_VALUE_LABEL } from "../../analysis/frequencies-query";
import { XLSX_TYPE } from "../../analysis/xlsx.server";
import { errors, projectPath, queryParam, ref } from "./helpers";

const count = (description: string) => ({ type: "integer", description });

export const frequencySchemas = {
  FrequencyColumn: {
    type: "object",
    description: "A document, or one value of the attribute (documents without one share the column `key: null`)",
    properties: {
      key: { type: ["string", "null"], description: "The document id, or the attribute value as text; null for no value" },
      label: { type: "string", description: `The document's title, the value, or "${NO_VALUE_LABEL}"` },
      documents: count("Documents in the column, coded or not"),
    },
    required: ["key", "label", "documents"],
  },
  FrequencyCode: {
    type: "object",
    properties: {
      id: { type: "string" },
      name: { type: "string" },
      parentId: { type: ["string", "null"] },
      color: { type: "string" },
      codings: count("Codings of the code in the documents looked at (its own, not its sub-codes')"),
      documents: count("Documents with at least one of them"),
    },
    required: ["id", "name", "parentId", "color", "codings", "documents"],
  },
  FrequencyCell: {
    type: "object",
    description: "One code in one column; cells that count nothing are left out",
    properties: { codeId: { type: "string" }, column: { type: ["string", "null"] }, codings: count("Codings"), documents: count("Documents") },
    required: ["codeId", "column", "codings", "documents"],
  },
};

export const frequencyPaths = {
  "/api/v1/projects/{projectId}/frequencies": {
    get: {
      summary: "Code frequencies: codings and documents per code, per document or per value of a document attribute",
      description:
        "Codes in codebook order; documents in analysis only (rejected contributions left out). `by=attribute:<name>` is a " +
        `crosstab of codes × the attribute's values, with a "${NO_VALUE_LABEL}" column for documents without one (when there are any). ` +
        "`?format=csv` (or `Accept: text/csv`) and `?format=xlsx` download the table: code, parent code, totals, then codings and " +
        "documents per column, and a last row of the documents in each column. Readers of the project may ask.",
      parameters: [
        projectPath,
        queryParam("by", "`document` (default) or `attribute:<name>`, a name from `attributes`", { type: "string", default: "document" }),
        queryParam("documents", `Up to ${MAX_COOCCURRENCE_DOCUMENTS} document ids of this project, comma-separated; default every document in analysis`),
        queryParam("format", "json (default), csv or xlsx", { type: "string", enum: ["json", "csv", "xlsx"] }),
      ],
      responses: {
        "200": {
          description: "The table",
          content: {
            "application/json": {
              schema: {
                type: "object",
                properties: {
                  by: { type: "string", enum: ["document", "attribute"] },
                  attribute: { type: ["string", "null"] },
                  attributes: { type: "array", items: { type: "string" }, description: "Attribute names the project's documents carry" },
                  columns: { type: "array", items: ref("FrequencyColumn") },
                  codes: { type: "array", items: ref("FrequencyCode") },
                  cells: { type: "array", items: ref("FrequencyCell") },
                  totals: {
                    type: "object",
                    properties: { documents: { type: "integer" }, codings: { type: "integer" } },
                    required: ["documents", "codings"],
                  },
                },
                required: ["by", "attribute", "attributes", "columns", "codes", "cells", "totals"],
              },
            },
            "text/csv": { schema: { type: "string" }, example: "code,parent code,codings,documents,North: codings,North: documents\nHope,,4,3,2,1\n" },
            [XLSX_TYPE]: { schema: { type: "string", format: "binary" } },
          },
        },
        ...errors(400, 401, 403, 404),
      },
    },
  },
};
