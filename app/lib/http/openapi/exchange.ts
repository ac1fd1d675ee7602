import { errors, projectPath } from "./helpers";

/**
 * REFI-QDA exchange (API.md "Agreement and exchange"): the project as .qdpx, the codebook as
 * .qdc, the codings as CSV. The import (POST /api/v1/projects/import) joins these paths.
 */
const download = (description: string, type: string, schema: object = { type: "string" }) => ({
  description,
  headers: { "Content-Disposition": { description: "attachment, named after the project", schema: { type: "string" } } },
  content: { [type]: { schema } },
});

export const exchangePaths = {
  "/api/v1/projects/{projectId}/export.qdpx": {
    get: {
      summary: "The project as a REFI-QDA project file (.qdpx), which NVivo, ATLAS.ti and MAXQDA open (owners)",
      description:
        "A zip holding project.qde (valid against the REFI-QDA Project schema, urn:QDA-XML:project:1.0) and " +
        "Sources/<guid>.txt, each document's text as stored (UTF-8). Users, the code hierarchy with colours and descriptions, " +
        "one PlainTextSelection per coding (offsets in Unicode code points) with its Coding, author and time, memos as Notes, " +
        "attributes as Variables, case keys as Cases. GUIDs are derived from Thicket's ids, the same in every export. Audited.",
      parameters: [projectPath],
      responses: {
        "200": download("The .qdpx file", "application/zip", { type: "string", format: "binary" }),
        ...errors(401, 403, 404),
      },
    },
  },
  "/api/v1/projects/{projectId}/codebook.qdc": {
    get: {
      summary: "The codebook as a REFI-QDA codebook file (.qdc)",
      description: "`<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\" origin=\"Thicket\"><Codes>…</Codes></CodeBook>`. Readers of the project may ask.",
      parameters: [projectPath],
      responses: { "200": download("The .qdc file", "application/xml"), ...errors(401, 403, 404) },
    },
  },
  "/api/v1/projects/{projectId}/codings.csv": {
    get: {
      summary: "Every coding as a CSV row",
      description:
        "Columns: document, code, code_path (\"Parent / Child\"), start, end (UTF-16 offsets, as elsewhere in the API), quote, " +
        "author, created_at, memo, document_id, code_id, coding_id. A cell that a spreadsheet would run as a formula starts " +
        "with an apostrophe. Readers of the project may ask.",
      parameters: [projectPath],
      responses: { "200": download("The CSV file", "text/csv"), ...errors(401, 403, 404) },
    },
  },
};
