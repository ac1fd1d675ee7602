/**
 * A tiny HTTP client for black-box API tests: keeps the session cookie like a browser (or a
 * script) would, and returns status, parsed JSON and headers.
 */
export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export class ApiClient {
  cookie: string | null = null;
  bearer: string | null = null;

  constructor(readonly baseUrl: string) {}

  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    init: { headers?: Record<string, string>; raw?: string } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...init.headers };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    let payload: string | undefined = init.raw;
    if (body !== undefined) {
      payload = JSON.stringify(body);
      headers["content-type"] ??= "application/json";
    }
    const res = await fetch(this.baseUrl + path, { method, headers, body: payload, redirect: "manual" });
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith("thicket_session="));
    if (setCookie) {
      const value = setCookie.split(";")[0]!;
      this.cookie = value === "thicket_session=" ? null : value;
    }
    const text = await res.text();
    let parsed: unknown = text;
    if (res.headers.get("content-type")?.includes("application/json")) parsed = JSON.parse(text);
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get<T = any>(path: string) {
    return this.request<T>("GET", path);
  }
  post<T = any>(path: string, body?: unknown) {
    return this.request<T>("POST", path, body);
  }
  patch<T = any>(path: string, body?: unknown) {
    return this.request<T>("PATCH", path, body);
  }
  delete<T = any>(path: string) {
    return this.request<T>("DELETE", path);
  }
}

let counter = 0;

/** POSTs to create something and returns its body; anything but a 201 fails with the answer. */
export async function created<T = any>(client: ApiClient, path: string, body: object): Promise<T> {
  const res = await client.post<T>(path, body);
  if (res.status !== 201) throw new Error(`${path}: expected 201, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Signs a new person up and returns a client holding their session. */
export async function signedUpClient(baseUrl: string, name = "Tester") {
  const client = new ApiClient(baseUrl);
  const email = `${name.toLowerCase().replace(/\W+/g, "")}-${process.pid}-${++counter}@example.org`;
  const res = await client.post("/api/v1/auth/signup", { email, password: "correct horse battery", name });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { client, user: res.body.user as { id: string; email: string; name: string } };
}
