import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { requireProjectAccess } from "~/lib/auth/guards.server";
import { countSubmissions } from "~/lib/contributions/inbox.server";
import { pageGuard, requirePageAuth } from "~/lib/http/page.server";
import contributionStyles from "~/styles/contributions.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: contributionStyles }];

/** Contributions, for the people who run them: the inbox of what came in, and the forms. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requirePageAuth(request, context);
  return pageGuard(async () => {
    await requireProjectAccess(context, params.projectId!, "contributions:review");
    const counts = await countSubmissions(context.services, params.projectId!);
    return { projectId: params.projectId!, counts };
  });
}

export default function ContributionsLayout() {
  const { projectId, counts } = useLoaderData<typeof loader>();
  const pending = counts.pending;
  const base = `/projects/${projectId}/contributions`;
  return (
    <>
      <nav className="subtabs" aria-label="Contributions">
        <NavLink to={base} end>
          Inbox{pending > 0 ? <span className="count-pill" aria-label={`${pending} waiting`}>{pending}</span> : null}
        </NavLink>
        <NavLink to={`${base}/forms`}>Forms</NavLink>
      </nav>
      <Outlet />
    </>
  );
}
