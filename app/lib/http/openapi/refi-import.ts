import { errors, ok, requiredQuery } from "./helpers";

/** REFI-QDA import (API.md "Agreement and exchange"): a .qdpx becomes a new project. */
const importReport = {
  type: "object",
  properties: {
    id: { type: "string", description: "The new project, owned by the caller" },
    report: {
      type: "object",
      properties: {
        codes: { type: "integer" },
        sources: { type: "integer", description: "Text sources imported as documents" },
        codings: { type: "integer" },
        skipped: {
          type: "array",
          description: "Everything in the file that was not imported (or was changed to fit), each with the reason",
          items: { type: "object", properties: { what: { type: "string" }, why: { type: "string" } }, required: ["what", "why"] },
        },
      },
      required: ["codes", "sources", "codings", "skipped"],
    },
  },
  required: ["id", "report"],
};

export const refiImportPaths = {
  "/api/v1/projects/import": {
    post: {
      summary: "Import a REFI-QDA project (.qdpx) from NVivo, ATLAS.ti, MAXQDA or Thicket as a new project",
      description:
        "The body is the .qdpx file itself (application/zip or application/octet-stream), at most MAX_IMPORT_BYTES (100 MiB). " +
        "Codes (hierarchy, colours, descriptions), text sources and their coded plain-text selections are imported; notes become memos " +
        "on the code, document or coding they belong to; variable values and cases become attributes and case keys. Texts are stored " +
        "with \\n line ends, NFC; offsets are remapped (code points or UTF-16 units, CR LF as one or two, checked against each selection's " +
        "recorded text). People in the file are not made members: their codings are attributed to the caller. PDF, picture, audio and " +
        "video sources, sets, graphs, links, selections outside the text and references to unknown codes are listed in `skipped`. " +
        "One transaction: a failed import creates nothing. Any signed-in user may import.",
      parameters: [requiredQuery("name", "The new project's name")],
      requestBody: {
        required: true,
        content: {
          "application/zip": { schema: { type: "string", format: "binary" } },
          "application/octet-stream": { schema: { type: "string", format: "binary" } },
        },
      },
      responses: {
        "201": ok("Imported", importReport),
        ...errors(400, 401, 413),
        "415": { description: "Not sent as a zip", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
        "422": {
          description: "Not a zip, no project.qde inside, malformed XML, or not a REFI-QDA project; nothing was created",
          content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
        },
      },
    },
  },
};
