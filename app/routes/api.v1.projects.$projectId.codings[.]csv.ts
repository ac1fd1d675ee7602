import { requireProjectAccess } from "~/lib/auth/guards.server";
import { apiRoute } from "~/lib/http/api.server";
import { exportCodingsCsv } from "~/lib/refi/codings-csv.server";
import { attachmentDisposition } from "~/lib/refi/download";

const handler = apiRoute({
  /** Every coding as a CSV row (readers: `documents:read`, as each coding is visible to them in the editor). */
  async GET({ params, context }) {
    await requireProjectAccess(context, params.projectId!, "documents:read");
    const { project, body } = await exportCodingsCsv(context.services, params.projectId!);
    return new Response(body, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": attachmentDisposition(`${project.name} codings`, "csv"),
        "Cache-Control": "no-store",
      },
    });
  },
});

export const loader = handler;
export const action = handler;
