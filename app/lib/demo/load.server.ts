import { Readable } from "node:stream";
import { addCoding } from "../collab/doc-model";
import { importDataset } from "../datasets/import.server";
import { linkCodeToSegment } from "../datasets/links.server";
import { createSegment } from "../datasets/segments.server";
import type { AppServices } from "../services.server";
import { createCode } from "../services/codes.server";
import { createDocument } from "../services/documents.server";
import { addMemo } from "../services/memos.server";
import { createProject } from "../services/projects.server";
import { newId } from "../../../db/ids";
import type { CodeKey } from "./codebook";
import { addDemoFinding } from "./finding.server";
import { DEMO_SEED, generateDemo, type DemoData } from "./generate";
import { addDemoSandwich } from "./sandwich.server";

/**
 * Creates the demo project for `userId` (its owner) through the same services the app uses:
 * codes, documents with their live Y.Docs and codings, the customers dataset, segments and
 * code↔segment links, and a draft finding. The codings projection catches up within a second of returning.
 */
export async function loadDemoProject(services: AppServices, userId: string, demo: DemoData = generateDemo()): Promise<{ projectId: string }> {
  const project = await createProject(services.db, userId, demo.project);
  const projectId = project.id;

  const codeIds = new Map<CodeKey, string>();
  for (const code of demo.codes) {
    const created = await createCode(services, projectId, userId, {
      name: code.name,
      parentId: code.parent ? codeIds.get(code.parent)! : null,
      color: code.color,
      description: code.description,
    });
    codeIds.set(code.key, created.id);
  }

  const documentIds: string[] = [];
  for (const doc of demo.documents) {
    const created = await createDocument(services, projectId, userId, {
      title: doc.title,
      kind: doc.kind,
      caseKey: doc.caseKey,
      text: doc.text,
      attributes: {},
    });
    documentIds.push(created.id);
    // All of a document's codings in one change of its live doc, as createCoding makes them
    // (one flush instead of one per coding); the offsets are exact by construction, so
    // createCoding's range checks would add nothing.
    await services.collab.change(created.id, (ydoc) => {
      for (const coding of doc.codings) {
        addCoding(ydoc, newId(), { codeId: codeIds.get(coding.code)!, start: coding.start, end: coding.end, authorId: userId });
      }
    });
  }

  for (const memo of demo.memos) {
    const target =
      memo.target.type === "code"
        ? { type: "code" as const, id: codeIds.get(memo.target.code)! }
        : { type: "document" as const, id: documentIds[memo.target.index]! };
    await addMemo(services, projectId, userId, target, memo.body);
  }

  const dataset = await importDataset(services, {
    projectId,
    userId,
    name: demo.dataset.name,
    key: demo.dataset.key,
    stream: Readable.from([demo.dataset.csv]),
  });

  const segmentIds = new Map<string, string>();
  for (const segment of demo.segments) {
    const created = await createSegment(services, projectId, userId, {
      datasetId: dataset.id,
      name: segment.name,
      filter: segment.filter,
    });
    segmentIds.set(segment.name, created.id);
  }
  for (const link of demo.links) {
    await linkCodeToSegment(services, projectId, userId, {
      codeId: codeIds.get(link.code)!,
      segmentId: segmentIds.get(link.segment)!,
      note: link.note,
    });
  }
  const [first] = demo.links;
  if (first) await addDemoFinding(services, projectId, userId, { codeId: codeIds.get(first.code)!, segmentId: segmentIds.get(first.segment)! });
  await addDemoSandwich(services, projectId, userId, codeIds, DEMO_SEED);
  return { projectId };
}
