import { requireProjectAccess } from "~/lib/auth/guards.server";
import { apiRoute } from "~/lib/http/api.server";
import { attachmentDisposition } from "~/lib/refi/download";
import { exportQdpx } from "~/lib/refi/export.server";

const handler = apiRoute({
  /** The project as a REFI-QDA .qdpx (owners: `project:export`), streamed; the export is audited. */
  async GET({ params, context }) {
    const { auth } = await requireProjectAccess(context, params.projectId!, "project:export");
    const { project, body } = await exportQdpx(context.services, params.projectId!, auth.user.id);
    return new Response(body, {
      headers: {
        "Content-Type": "application/zip",
        "Content-Disposition": attachmentDisposition(project.name, "qdpx"),
        "Cache-Control": "no-store",
      },
    });
  },
});

export const loader = handler;
export const action = handler;
