import { MAX_CODERS, MIN_CODERS } from "../../agreement/agreement.server";
import { agreementUnits } from "../../agreement/units";
import { disagreementPaths, disagreementSchemas } from "./disagreements";
import { errors, ok, projectPath, queryParam, ref, requiredQuery } from "./helpers";

const unitized =
  "Krippendorff's unitized alpha |uα (2004) over characters, whatever the unit: each coder's coded stretches of the code " +
  "(the union of their codings) against everyone's, counting the squared distances between the start and end of " +
  "overlapping stretches and the squared length of a stretch the other coder left uncoded; 1 is exact agreement, " +
  "0 what chance placement gives; null when no coder applied the code";

const coefficient = { type: ["number", "null"], description: "null when undefined for these judgements" };

export const agreementSchemas = {
  ...disagreementSchemas,
  CodeAgreement: {
    type: "object",
    properties: {
      codeId: { type: "string" },
      percentAgreement: { ...coefficient, description: "Share of agreeing pairs of coders" },
      cohenKappa: { ...coefficient, description: "Two coders only; null otherwise" },
      fleissKappa: { ...coefficient, description: "Three or more coders only; null otherwise" },
      krippendorffAlpha: { ...coefficient, description: "Nominal" },
      unitizedAlpha: { ...coefficient, description: unitized },
    },
    required: ["codeId", "percentAgreement", "cohenKappa", "fleissKappa", "krippendorffAlpha", "unitizedAlpha"],
  },
};

export const agreementPaths = {
  ...disagreementPaths,
  "/api/v1/projects/{projectId}/agreement": {
    get: {
      summary: "Inter-coder agreement between project members, per code and pooled",
      description:
        "Each unit (paragraph: a run between blank lines, or a line where a document has no blank line; sentence; " +
        "character) is a yes/no judgement per coder and code: yes when one of the coder's codings of that code overlaps it. " +
        "Codes are those at least one of the coders applied in the documents; `overall` pools every (unit, code) judgement. " +
        "`unitizedAlpha` ignores the unit: it compares where the coders' coded stretches start and end, over the documents' characters. " +
        "Readers of the project may ask.",
      parameters: [
        projectPath,
        requiredQuery("coders", `${MIN_CODERS}–${MAX_CODERS} distinct user ids of project members, comma-separated`),
        requiredQuery("unit", "The unit of judgement", { type: "string", enum: [...agreementUnits] }),
        queryParam("documents", "Document ids of this project, comma-separated; default every document in analysis"),
      ],
      responses: {
        "200": ok("Agreement", {
          type: "object",
          properties: {
            unit: { type: "string", enum: [...agreementUnits] },
            coders: { type: "array", items: { type: "string" }, description: "As given" },
            overall: {
              type: "object",
              properties: {
                percentAgreement: coefficient,
                krippendorffAlpha: coefficient,
                unitizedAlpha: { ...coefficient, description: "Across codes: 1 − ΣD_o / ΣD_e of the codes' |uα" },
              },
              required: ["percentAgreement", "krippendorffAlpha", "unitizedAlpha"],
            },
            perCode: { type: "array", items: ref("CodeAgreement") },
          },
          required: ["unit", "coders", "overall", "perCode"],
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
