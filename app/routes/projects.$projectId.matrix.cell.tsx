import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import type { CellPage } from "~/components/matrix/cell-panel";
import { requireProjectAccess } from "~/lib/auth/guards.server";
import { parseSubcodes } from "~/lib/datasets/code-scope.server";
import { cellExcerpts } from "~/lib/datasets/matrix.server";
import { representation } from "~/lib/datasets/representation.server";
import { HttpError } from "~/lib/http/errors.server";

/**
 * The matrix side panel's data, as JSON with the page's session: one page of a cell's excerpts
 * and, with the first page, the over/under-representation test. Errors answer in the API's
 * `{error:{code,message}}` shape so the panel can show the message.
 */
const query = z.object({
  code: z.string().min(1, "Choose a code."),
  segment: z.string().min(1, "Choose a segment."),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  subcodes: z.string().optional(),
});

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  try {
    if (!context.auth) throw new HttpError(401, "unauthorized", "You need to log in.");
    const projectId = params.projectId!;
    await requireProjectAccess(context, projectId, "documents:read");
    const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) throw new HttpError(400, "invalid_request", parsed.error.issues[0]?.message ?? "Check the address.");
    const { code, segment, offset, limit } = parsed.data;
    const subcodes = parseSubcodes(parsed.data.subcodes ?? null, true);
    const [page, rep] = await Promise.all([
      cellExcerpts(context.services, projectId, code, segment, { offset, limit, subcodes }),
      offset === 0 ? representation(context.services, projectId, code, segment, { subcodes }) : Promise.resolve(null),
    ]);
    const body: CellPage = { excerpts: page.excerpts, total: page.total, offset, representation: rep };
    return Response.json(body, { headers: { "Cache-Control": "no-store" } });
  } catch (err) {
    if (err instanceof HttpError) {
      return Response.json({ error: { code: err.code, message: err.message } }, { status: err.status });
    }
    throw err;
  }
}
