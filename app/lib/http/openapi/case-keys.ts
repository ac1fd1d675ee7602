import { errors, ok, projectPath } from "./helpers";

const lineRef = {
  type: "object",
  properties: { line: { type: "integer", description: "1-based line of the CSV" }, document: { type: "string" } },
  required: ["line", "document"],
};

export const caseKeyPaths = {
  "/api/v1/projects/{projectId}/case-keys": {
    post: {
      summary: "Set documents' case keys in bulk",
      description:
        "The body is a CSV of two columns, `document,caseKey` (a header row naming them is optional). `document` is a " +
        "document id or its exact title; an empty case key clears it. Matched lines are applied in one transaction; " +
        "lines naming no document, or a title several documents share, are reported and skipped. A malformed line, " +
        "or one document given two different keys, is a 400 and nothing is changed. Needs documents:edit (owner, researcher, coder).",
      parameters: [projectPath],
      requestBody: {
        required: true,
        content: { "text/csv": { schema: { type: "string" }, example: "document,caseKey\nInterview with Maria,C0042\n" } },
      },
      responses: {
        "200": ok("What was applied", {
          type: "object",
          properties: {
            updated: { type: "integer", description: "documents whose case key changed" },
            unchanged: { type: "integer", description: "matched documents that already had that key" },
            unmatched: { type: "array", items: lineRef },
            ambiguous: {
              type: "array",
              items: { ...lineRef, properties: { ...lineRef.properties, matches: { type: "integer" } } },
            },
          },
          required: ["updated", "unchanged", "unmatched", "ambiguous"],
        }),
        ...errors(400, 401, 403, 404, 413),
      },
    },
  },
};
