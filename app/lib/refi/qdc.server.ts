/**
 * The codebook alone as a REFI-QDA Codebook file (.qdc, urn:QDA-XML:codebook:1.0): the code
 * hierarchy with colours, descriptions and folders, and the GUIDs an import kept, in the same `<Code>` shape as a project's CodeBook.
 * Memos on codes are not part of it (a .qdc has no Notes). An empty codebook is written as
 * `<Codes/>`: well-formed, though the schema wants at least one code.
 */
import type { AppServices } from "../services.server";
import { codeElements } from "./codebook-xml";
import { exportCodes, exportProject, type ExportProject } from "./export-data.server";
import { ExportGuids } from "./kept-guids";
import { projectKeptGuids } from "./kept-guids.server";

export async function exportQdc(services: AppServices, projectId: string): Promise<{ project: ExportProject; xml: string }> {
  const [project, codes, kept] = await Promise.all([exportProject(services, projectId), exportCodes(services, projectId), projectKeptGuids(services.db, projectId)]);
  const guids = new ExportGuids(projectId, kept);
  const inner = codes.length ? `<Codes>${codeElements(codes, guids.code)}</Codes>` : "<Codes/>";
  const xml = `<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Thicket">${inner}</CodeBook>\n`;
  return { project, xml };
}
