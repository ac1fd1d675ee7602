import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { requireProjectAccess } from "~/lib/auth/guards.server";
import { pageGuard, requirePageAuth } from "~/lib/http/page.server";
import analysisStyles from "~/styles/analysis.css?url";
import matrixStyles from "~/styles/matrix.css?url";

// The analysis tables share the matrix's sticky table and side panel styles.
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: matrixStyles },
  { rel: "stylesheet", href: analysisStyles },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requirePageAuth(request, context);
  return pageGuard(async () => {
    await requireProjectAccess(context, params.projectId!, "documents:read");
    return { projectId: params.projectId! };
  });
}

/** The Analysis tab: its views side by side under one sub-navigation. */
export default function AnalysisLayout() {
  const { projectId } = useLoaderData<typeof loader>();
  const base = `/projects/${projectId}/analysis`;
  return (
    <div className="an-page">
      <nav className="an-tabs" aria-label="Analysis views">
        <NavLink to={`${base}/frequencies`}>Frequencies</NavLink>
        <NavLink to={`${base}/cooccurrence`}>Co-occurrence</NavLink>
        <NavLink to={`${base}/agreement`}>Agreement</NavLink>
      </nav>
      <Outlet />
    </div>
  );
}
