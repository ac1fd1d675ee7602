import { requireProjectAccess } from "~/lib/auth/guards.server";
import { apiRoute } from "~/lib/http/api.server";
import { attachmentDisposition } from "~/lib/refi/download";
import { exportQdc } from "~/lib/refi/qdc.server";

const handler = apiRoute({
  /**
   * The codebook as a REFI-QDA .qdc. Everyone who reads the project's documents may have it
   * (`documents:read`): they already see the whole codebook in the app; unlike the .qdpx it
   * holds no texts, codings or memos.
   */
  async GET({ params, context }) {
    await requireProjectAccess(context, params.projectId!, "documents:read");
    const { project, xml } = await exportQdc(context.services, params.projectId!);
    return new Response(xml, {
      headers: {
        "Content-Type": "application/xml; charset=utf-8",
        "Content-Disposition": attachmentDisposition(project.name, "qdc"),
        "Cache-Control": "no-store",
      },
    });
  },
});

export const loader = handler;
export const action = handler;
