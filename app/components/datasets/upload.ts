/**
 * Browser-only: sends a file with XMLHttpRequest, because fetch cannot report upload
 * progress. Same-origin, so the session cookie goes with it and nothing else is needed.
 */
export interface UploadCallbacks {
  onProgress(loaded: number, total: number): void;
  /** Every byte has been sent; the server is still working (parsing, indexing). */
  onSent(): void;
}

export interface UploadResponse {
  status: number;
  /** The parsed JSON answer, or null when the answer was not JSON. */
  body: unknown;
}

export interface Upload {
  done: Promise<UploadResponse>;
  abort(): void;
}

/** Rejected with this when the person cancelled, so callers can tell it from a failure. */
export class UploadCancelled extends Error {
  constructor() {
    super("The upload was cancelled.");
  }
}

export class UploadFailed extends Error {}

export function uploadFile(url: string, body: Blob, contentType: string, callbacks: UploadCallbacks): Upload {
  const xhr = new XMLHttpRequest();
  const done = new Promise<UploadResponse>((resolve, reject) => {
    xhr.open("POST", url);
    xhr.setRequestHeader("Content-Type", contentType);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = (e) => callbacks.onProgress(e.loaded, e.lengthComputable ? e.total : body.size);
    xhr.upload.onload = () => callbacks.onSent();
    xhr.onload = () => resolve({ status: xhr.status, body: parseJson(xhr.responseText) });
    xhr.onabort = () => reject(new UploadCancelled());
    xhr.onerror = () =>
      reject(
        new UploadFailed("The connection was lost before the server answered. Check your connection and try again.")
      );
    xhr.send(body);
  });
  return { done, abort: () => xhr.abort() };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
