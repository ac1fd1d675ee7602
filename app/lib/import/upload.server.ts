import {
  unstable_composeUploadHandlers as composeUploadHandlers,
  unstable_createMemoryUploadHandler as createMemoryUploadHandler,
  unstable_parseMultipartFormData as parseMultipartFormData,
  type UploadHandler,
} from "@remix-run/node";
import { DRAIN_FACTOR } from "../http/body.server";

export interface UploadForm {
  form: FormData;
  /** Set when a file was over the limit: it was read to the end and thrown away. */
  tooLarge?: { field: string; size: number; filename: string };
}

/**
 * Reads a form that may carry a file. Files are kept in memory up to `maxFileBytes`; a bigger
 * one is still read to the end (up to DRAIN_FACTOR times the limit) and dropped, so the rest
 * of the form arrives and the person gets a clear message beside the file field instead of a
 * reset connection. Text fields go through Remix's memory handler with their own limit (a
 * MaxPartSizeExceededError names the field).
 */
export async function readUploadForm(
  request: Request,
  limits: { maxFileBytes: number; maxFieldBytes: number },
): Promise<UploadForm> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.startsWith("multipart/form-data")) return { form: await request.formData() };

  let tooLarge: UploadForm["tooLarge"];
  const files: UploadHandler = async ({ name, filename, contentType, data }) => {
    if (filename === undefined) return undefined; // a text field: the next handler's
    const chunks: Uint8Array<ArrayBuffer>[] = [];
    let size = 0;
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (size > limits.maxFileBytes * DRAIN_FACTOR) break;
      if (size <= limits.maxFileBytes) chunks.push(new Uint8Array(chunk));
    }
    if (size > limits.maxFileBytes) {
      tooLarge = { field: name, size, filename };
      return new File([], filename, { type: contentType });
    }
    return new File(chunks, filename, { type: contentType });
  };
  const fields = createMemoryUploadHandler({ maxPartSize: limits.maxFieldBytes });
  const form = await parseMultipartFormData(request, composeUploadHandlers(files, fields));
  return { form, tooLarge };
}
