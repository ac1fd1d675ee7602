const JSON_HEADERS = { "content-type": "application/json", accept: "application/json" };

async function expectStatus(res: Response, status: number, what: string): Promise<unknown> {
  const text = await res.text();
  if (res.status !== status) throw new Error(`${what}: expected ${status}, got ${res.status}: ${text.slice(0, 500)}`);
  return text ? (JSON.parse(text) as unknown) : null;
}

/** Signs a new user up and returns the `thicket_session=<token>` pair to send as a Cookie header. */
export async function signupUser(baseUrl: string, email: string, password: string, name: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/auth/signup`, {
    method: "POST",
    headers: JSON_HEADERS,
    body: JSON.stringify({ email, password, name }),
  });
  const setCookies = res.headers.getSetCookie();
  await expectStatus(res, 201, "signup");
  const pair = setCookies.map((c) => c.split(";")[0] ?? "").find((c) => c.startsWith("thicket_session="));
  if (!pair) throw new Error(`signup: no thicket_session cookie in ${JSON.stringify(setCookies)}`);
  return pair;
}

export async function createProject(baseUrl: string, cookie: string, name: string): Promise<void> {
  const res = await fetch(`${baseUrl}/api/v1/projects`, {
    method: "POST",
    headers: { ...JSON_HEADERS, cookie },
    body: JSON.stringify({ name }),
  });
  await expectStatus(res, 201, `create project ${name}`);
}

/** GET /api/v1/projects as parsed JSON (used to check Thicket and the baseline agree). */
export async function listProjects(baseUrl: string, cookie: string): Promise<unknown> {
  const res = await fetch(`${baseUrl}/api/v1/projects`, { headers: { accept: "application/json", cookie } });
  return expectStatus(res, 200, `GET ${baseUrl}/api/v1/projects`);
}
