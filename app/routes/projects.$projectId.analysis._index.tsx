import { redirect, type LoaderFunctionArgs } from "@remix-run/node";

/** The Analysis tab opens on code frequencies, the first thing most people look at. */
export function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/projects/${params.projectId}/analysis/frequencies`);
}
