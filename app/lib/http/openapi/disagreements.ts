import { MAX_CODERS, MIN_CODERS } from "../../agreement/agreement.server";
import { MAX_DISAGREEMENT_PAGE, PASSAGE_CHARS } from "../../agreement/disagreements.server";
import { agreementUnits } from "../../agreement/units";
import { errors, ok, projectPath, queryParam, ref, requiredQuery } from "./helpers";

/** GET …/agreement/disagreements, spread into agreementPaths (agreement.ts). */
export const disagreementSchemas = {
  Disagreement: {
    type: "object",
    properties: {
      documentId: { type: "string" },
      documentTitle: { type: "string" },
      start: { type: "integer", description: "The unit's whole range, UTF-16 offsets, end exclusive" },
      end: { type: "integer" },
      text: { type: "string", description: `The unit's text, its first ${PASSAGE_CHARS} characters at most` },
      truncated: { type: "boolean", description: "true when `text` is shorter than the range" },
      coders: {
        type: "array",
        description: "One entry per coder, in the order asked for: the codes they applied to this unit",
        items: {
          type: "object",
          properties: { coderId: { type: "string" }, codeIds: { type: "array", items: { type: "string" } } },
          required: ["coderId", "codeIds"],
        },
      },
      disputedCodeIds: { type: "array", items: { type: "string" }, description: "Codes some of the coders applied here and others did not" },
      score: {
        type: "number",
        description:
          "Without ?code=: the number of (code, pair of coders) disagreeing here. With ?code=: the share of pairs of coders who disagree about that code (1 for two coders split)",
      },
    },
    required: ["documentId", "documentTitle", "start", "end", "text", "truncated", "coders", "disputedCodeIds", "score"],
  },
};

export const disagreementPaths = {
  "/api/v1/projects/{projectId}/agreement/disagreements": {
    get: {
      summary: "The passages where the coders disagree most",
      description:
        "The same units and judgements as the agreement figures, listed unit by unit where at least one code is in dispute, " +
        "highest score first, then by document title and position. With `unit=character` a passage is a stretch over which " +
        "every coder's judgements stay the same. Readers of the project may ask.",
      parameters: [
        projectPath,
        requiredQuery("coders", `${MIN_CODERS}–${MAX_CODERS} distinct user ids of project members, comma-separated`),
        requiredQuery("unit", "The unit of judgement", { type: "string", enum: [...agreementUnits] }),
        queryParam("documents", "Document ids of this project, comma-separated; default every document in analysis"),
        queryParam("code", "Only disagreements about this code"),
        queryParam("offset", "Skip this many", { type: "integer", minimum: 0, default: 0 }),
        queryParam("limit", "Page size", { type: "integer", minimum: 1, maximum: MAX_DISAGREEMENT_PAGE, default: 20 }),
      ],
      responses: {
        "200": ok("A page of disagreements", {
          type: "object",
          properties: {
            unit: { type: "string", enum: [...agreementUnits] },
            coders: { type: "array", items: { type: "string" } },
            code: { type: ["string", "null"] },
            disagreements: { type: "array", items: ref("Disagreement") },
            total: { type: "integer" },
            offset: { type: "integer" },
            limit: { type: "integer" },
          },
          required: ["unit", "coders", "code", "disagreements", "total", "offset", "limit"],
        }),
        ...errors(400, 401, 403, 404),
        "422": {
          description: "invalid_coders: fewer than two or more than ten coders, one listed twice, or one not a member",
          content: { "application/json": { schema: ref("Error") } },
        },
      },
    },
  },
};
