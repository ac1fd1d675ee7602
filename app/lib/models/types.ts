/** Shapes of code models shared by the API and the pages (browser-safe). */
export interface ModelJobResult {
  modelId: string;
  codeId: string;
  trainedOn: number;
  cv: { precision: number; recall: number; f1: number };
  scored: number;
  column: string;
}

export interface TermWeightView {
  term: string;
  weight: number;
}

/** GET /api/v1/samples/:sampleId/models: one per trained model, newest first. */
export interface CodeModelView {
  id: string;
  sampleId: string;
  codeId: string;
  trainedOn: number;
  positives: number;
  cv: { precision: number; recall: number; f1: number };
  terms: { for: TermWeightView[]; against: TermWeightView[] };
  column: string | null;
  jobId: string | null;
  createdAt: string;
  appliedAt: string | null;
}
