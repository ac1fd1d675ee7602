import type { ApiClient } from "./api-client";

export interface ImportedDataset {
  id: string;
  name: string;
  key: string;
  rowCount: number;
  columns: { name: string; type: string }[];
}

/** Imports a CSV through the public API (API.md) and fails the test on anything but a 201. */
export async function importCsv(client: ApiClient, projectId: string, name: string, key: string, csv: string) {
  const query = new URLSearchParams({ name, key });
  const res = await client.request<ImportedDataset>("POST", `/api/v1/projects/${projectId}/datasets?${query}`, undefined, {
    headers: { "content-type": "text/csv" },
    raw: csv,
  });
  if (res.status !== 201) throw new Error(`dataset import failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
