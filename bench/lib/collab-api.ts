/** The HTTP API calls the collab bench sets up with (a session cookie from signupUser). */

const JSON_HEADERS = { "content-type": "application/json", accept: "application/json" };

async function call<T>(baseUrl: string, cookie: string, method: string, path: string, body: unknown, status: number): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...JSON_HEADERS, cookie },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== status) throw new Error(`${method} ${path}: expected ${status}, got ${res.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

export async function createProjectId(baseUrl: string, cookie: string, name: string): Promise<string> {
  const project = await call<{ id: string }>(baseUrl, cookie, "POST", "/api/v1/projects", { name }, 201);
  return project.id;
}

export async function createInterview(
  baseUrl: string,
  cookie: string,
  projectId: string,
  title: string,
  text: string,
): Promise<string> {
  const doc = await call<{ id: string }>(
    baseUrl,
    cookie,
    "POST",
    `/api/v1/projects/${projectId}/documents`,
    { title, kind: "interview", text },
    201,
  );
  return doc.id;
}

/** A personal access token (thk_…), what the websocket clients authenticate with. */
export async function createToken(baseUrl: string, cookie: string, name: string): Promise<string> {
  const created = await call<{ token: string }>(baseUrl, cookie, "POST", "/api/v1/tokens", { name }, 201);
  return created.token;
}

export interface DocumentSummary {
  id: string;
  title: string;
  updatedAt: string;
  length: number;
}

export async function listDocuments(baseUrl: string, cookie: string, projectId: string): Promise<DocumentSummary[]> {
  const res = await call<{ documents: DocumentSummary[] }>(
    baseUrl,
    cookie,
    "GET",
    `/api/v1/projects/${projectId}/documents`,
    undefined,
    200,
  );
  return res.documents;
}

/** Runs `fn` over `items` with at most `concurrency` at a time, keeping the order of results. */
export async function mapLimit<T, R>(items: T[], concurrency: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T, i);
    }
  });
  await Promise.all(lanes);
  return out;
}
