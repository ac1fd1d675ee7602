import { MIN_DONE_FOR_ESTIMATE } from "../../estimates/types";
import { MAX_ESTIMATE_SEGMENTS } from "../../sandwich/schemas";
import { errors, pathParam, queryParam, ref } from "./helpers";

const share = (description: string) => ({ type: ["number", "null"], minimum: 0, maximum: 1, description });
const figureProperties = {
  estimate: share("The share of the group's rows carrying the code (0–1); null when the data cannot support a number"),
  low: share("Lower end of the 95% interval"),
  high: share("Upper end of the 95% interval"),
  reason: { type: "string", description: "Present exactly when there is no number: why, in plain words" },
};

const cellProperties = {
  population: { type: "integer", description: "Rows of the table in the group (rows with text: what the sample stands for)" },
  done: { type: "integer", description: "Done documents of drawn (not hand-picked) rows in the group whose document still exists" },
  positives: { type: "integer", description: "Of those, how many carry ≥1 live coding of the code" },
  ...figureProperties,
  sampleOnly: { ...ref("EstimateFigure"), description: "method=model: the sample-only figure beside the model-assisted one" },
  used: { type: "string", enum: ["sample", "model"], description: "method=model: which figure the pages show (the narrower interval)" },
};

export const estimateSchemas = {
  EstimateFigure: { type: "object", properties: figureProperties, required: ["estimate", "low", "high"] },
  EstimateCell: { type: "object", properties: cellProperties, required: ["population", "done", "positives", "estimate", "low", "high"] },
  EstimateGroup: {
    type: "object",
    properties: {
      value: { type: ["string", "null"], description: "The stratum's value (null: rows with no value), or the segment's id" },
      label: { type: "string", description: "The stratum's value or the segment's name, as shown" },
      ...cellProperties,
    },
    required: ["value", "label", "population", "done", "positives", "estimate", "low", "high"],
  },
  CodeEstimates: {
    type: "object",
    properties: {
      codeId: { type: "string" },
      method: { type: "string", enum: ["sample", "model"], description: "`model` only where the code has an applied model" },
      modelColumn: { type: "string", description: "method=model: the dataset column holding the model's scores" },
      overall: ref("EstimateCell"),
      groups: { type: "array", items: ref("EstimateGroup") },
    },
    required: ["codeId", "method", "overall", "groups"],
  },
};

export const estimatePaths = {
  "/api/v1/samples/{sampleId}/estimates": {
    get: {
      summary: "Each code's share of all the table's rows, with a 95% interval, from the sample's done documents",
      description:
        "Overall and per stratum (`by=strata`, the default) or per saved segment of the sample's dataset (`by=<segmentId>,…`, " +
        `at most ${MAX_ESTIMATE_SEGMENTS}). A document counts when it is done, its row was drawn (not hand-picked) and it still ` +
        "exists; it is positive with ≥1 live coding of the code (with `subcodes=true`, of the code or any code below it, as the matrix " +
        "counts). Sample only: the design-weighted share with a Wilson interval on the effective sample size. `method=model`: " +
        "PPI++ over the applied model's scores of every row, corrected on the coded rows with out-of-fold scores (cross-PPI), " +
        "answered beside the sample-only figure (`sampleOnly`) and `used` naming the one with the narrower interval. " +
        `With fewer than ${MIN_DONE_FOR_ESTIMATE} done rows in a group, or fewer than 2 in a stratum it touches, there is no number: ` +
        "`estimate`, `low` and `high` are null and `reason` says why. Without `codeId`: `{sampleId, by, estimates:[…]}`, one per code " +
        "in codebook order (the matrix's second view); there `method=model` answers the model where a code has one and the sample elsewhere. " +
        "Readers of the project may ask. ADR 0180, 0190.",
      parameters: [
        pathParam("sampleId"),
        queryParam("codeId", "A code of the sample's project; absent: every code"),
        queryParam("by", "`strata` (default) or a comma-separated list of segment ids over the sample's dataset", { type: "string", default: "strata" }),
        queryParam("method", "`sample` (default) or `model`", { type: "string", enum: ["sample", "model"], default: "sample" }),
        queryParam("subcodes", "Count codings of sub-codes in their parents (default false, like the matrix API)", { type: "boolean", default: false }),
      ],
      responses: {
        "200": {
          description: "With `codeId`: one code's estimates; without: `{sampleId, by, estimates}`",
          content: {
            "application/json": {
              schema: {
                oneOf: [
                  ref("CodeEstimates"),
                  {
                    type: "object",
                    properties: { sampleId: { type: "string" }, by: { type: "string" }, estimates: { type: "array", items: ref("CodeEstimates") } },
                    required: ["sampleId", "by", "estimates"],
                  },
                ],
              },
            },
          },
        },
        ...errors(401, 403, 404),
        "409": { description: "`no_model`: method=model for a code without an applied model", content: { "application/json": { schema: ref("Error") } } },
        "422": { description: "A bad `by`, `method` or `subcodes`, or a segment over another dataset", content: { "application/json": { schema: ref("Error") } } },
      },
    },
  },
};
