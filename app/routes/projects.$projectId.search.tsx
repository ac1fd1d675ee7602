import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { CodeAllHits } from "~/components/search/code-all-hits";
import { KwicResults } from "~/components/search/kwic-results";
import { requireProjectAccess } from "~/lib/auth/guards.server";
import { can } from "~/lib/auth/permissions";
import { pageGuard, requirePageAuth } from "~/lib/http/page.server";
import { codeAllHits, undoCodeHits } from "~/lib/search/code-hits.server";
import { searchQuerySchema } from "~/lib/search/search-query";
import { isSearchable, searchProject } from "~/lib/search/search.server";
import { listCodes } from "~/lib/services/codes.server";

export const meta: MetaFunction = () => [{ title: "Search · Thicket" }];
const PAGE = 50;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = requirePageAuth(request, context);
  const projectId = params.projectId!;
  return pageGuard(async () => {
    const { role } = await requireProjectAccess(context, projectId, "documents:read");
    const url = new URL(request.url);
    const parsed = searchQuerySchema.safeParse({ q: url.searchParams.get("q") ?? "", offset: url.searchParams.get("offset") || 0, limit: PAGE });
    const q = parsed.success ? parsed.data.q : "";
    const offset = parsed.success ? parsed.data.offset : 0;
    const result = isSearchable(q) ? await searchProject(context.services, projectId, q, { offset, limit: PAGE }) : null;
    const canCode = can(auth.user, "codings:edit", { kind: "project", projectId, role });
    // Folders group codes and are never applied: not offered.
    const codes = canCode ? (await listCodes(context.services, projectId)).filter((c) => c.codable).map((c) => ({ id: c.id, name: c.name })) : [];
    return { projectId, q, result, canCode, codes, tooLong: !parsed.success };
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = requirePageAuth(request, context);
  const projectId = params.projectId!;
  return pageGuard(async () => {
    await requireProjectAccess(context, projectId, "codings:edit");
    const form = await request.formData();
    if (form.get("intent") === "undo") {
      const ids = String(form.get("codingIds") ?? "").split(",").filter(Boolean);
      return { intent: "undo" as const, removed: (await undoCodeHits(context.services, projectId, ids)).removed };
    }
    const q = String(form.get("q") ?? "");
    const codeId = String(form.get("codeId") ?? "");
    if (!isSearchable(q)) return { error: "Type a word or phrase to search for." };
    const codes = await listCodes(context.services, projectId);
    const code = codes.find((c) => c.id === codeId);
    if (!code) return { error: "Choose a code from this project's codebook." };
    const result = await codeAllHits(context.services, projectId, auth.user.id, { q, codeId });
    return { intent: "code" as const, ...result, codeName: code.name };
  });
}

export default function SearchPage() {
  const { projectId, q, result, canCode, codes, tooLong } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const box = useRef<HTMLInputElement>(null);
  // "/" focuses the search box from anywhere on the page but a text field.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
      if (target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))) return;
      event.preventDefault();
      box.current?.focus();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  const loading = navigation.state === "loading" && navigation.location.pathname.endsWith("/search");
  const page = (offset: number) => `?${new URLSearchParams({ q, offset: String(offset) }).toString()}`;
  return (
    <section className="search-page" aria-labelledby="search-heading">
      <h2 id="search-heading">Search</h2>
      <Form method="get" role="search">
        <label>
          Search the documents{" "}
          <input ref={box} type="search" name="q" defaultValue={q} key={q} aria-keyshortcuts="/" placeholder='word, wait*, "exact phrase"' />
        </label>{" "}
        <button type="submit">Search</button>
      </Form>
      {loading ? <p role="status">Searching…</p> : null}
      {tooLong ? <p role="alert">That query is too long.</p> : null}
      {result && result.total === 0 ? (
        <div className="empty">
          <p>No passages match “{q}”.</p>
          <p className="muted">
            Check the spelling, search fewer words (every word must be in a document), end a word with * to match its
            beginnings (wait* finds waits and waiting), or put a phrase in quotes.
          </p>
        </div>
      ) : null}
      {result && result.total > 0 ? (
        <>
          <p>
            {result.total} hits in {result.documents.length} documents
            {result.total > result.hits.length ? ` (showing ${result.offset + 1}–${result.offset + result.hits.length})` : ""}.
          </p>
          {canCode ? <CodeAllHits key={q} q={q} total={result.total} codes={codes} /> : null}
          <KwicResults projectId={projectId} hits={result.hits} documents={result.documents} />
          <nav aria-label="Pages" className="pager">
            {result.offset > 0 ? <Link to={page(Math.max(0, result.offset - PAGE))}>Previous</Link> : null}{" "}
            {result.offset + PAGE < result.total ? <Link to={page(result.offset + PAGE)}>Next</Link> : null}
          </nav>
        </>
      ) : null}
      {!result && !tooLong ? <p className="muted">Search every document in the analysis. Press / to jump to the box.</p> : null}
    </section>
  );
}
