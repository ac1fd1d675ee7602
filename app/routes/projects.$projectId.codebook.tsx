import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CodeTree, type CodebookEnv } from "~/components/codebook/code-tree";
import { NewCodeForm } from "~/components/codebook/new-code-form";
import { buildTree, flatten } from "~/components/codebook/tree";
import { failureFor, FormError } from "~/components/forms";
import { useResetOnSuccess, useSettledMessage } from "~/components/use-form-reset";
import { requireCodeAccess } from "~/lib/auth/document-guard.server";
import { requireProjectAccess } from "~/lib/auth/guards.server";
import { can, type ProjectAction } from "~/lib/auth/permissions";
import { HttpError, notFound } from "~/lib/http/errors.server";
import { formFailure, parseForm } from "~/lib/http/forms.server";
import { pageGuard, requirePageAuth } from "~/lib/http/page.server";
import type { RequestContext } from "~/lib/services.server";
import { CODE_PALETTE, createCode, deleteCode, listCodes, mergeCode, updateCode } from "~/lib/services/codes.server";
import { linksForProject } from "~/lib/datasets/links.server";
import { projectSamples } from "~/lib/sandwich/matrix-view.server";
import { addMemo, deleteMemo, listMemos, memoProject } from "~/lib/services/memos.server";
import { createCodeSchema, memoSchema, updateCodeSchema } from "~/lib/validation/schemas";
import estimateStyles from "~/styles/estimates.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: estimateStyles }];

export const meta: MetaFunction = () => [{ title: "Codebook · Thicket" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user } = requirePageAuth(request, context);
  const projectId = params.projectId!;
  return pageGuard(async () => {
    const { role } = await requireProjectAccess(context, projectId, "documents:read");
    const [codes, links, samples] = await Promise.all([
      listCodes(context.services, projectId),
      linksForProject(context.services, projectId),
      projectSamples(context.services, projectId),
    ]);
    // One small indexed query per code; a per-project memo query would be one (see the report).
    const memos = await Promise.all(codes.map((c) => listMemos(context.services, "code", c.id)));
    const resource = { kind: "project" as const, projectId, role };
    return {
      codes: codes.map((c, i) => ({
        ...c,
        memos: memos[i]!,
        // Segments this code explains ("this code explains this pattern"), shown in its panel.
        segmentLinks: links
          .filter((l) => l.codeId === c.id)
          .map(({ id, segmentId, segmentName, note }) => ({ id, segmentId, segmentName, note })),
      })),
      samples,
      userId: user.id,
      suggestedColor: CODE_PALETTE[codes.length % CODE_PALETTE.length]!,
      canEdit: can(user, "codebook:edit", resource),
      canPropose: can(user, "codes:propose", resource),
      canWriteMemos: can(user, "memos:write", resource),
      canModerateMemos: can(user, "memos:moderate", resource),
    };
  });
}

/** A code of this project (another project's code is "not found", as everywhere). */
async function codeHere(context: RequestContext, projectId: string, codeId: string, action: ProjectAction) {
  const access = await requireCodeAccess(context, codeId, action);
  if (access.projectId !== projectId) throw notFound("Code not found.");
  return access;
}

const idSchema = z.object({ codeId: z.string().min(1, "Choose a code.") });
const mergeSchema = z.object({ intoId: z.string({ error: "Choose the code to merge into." }).min(1, "Choose the code to merge into.") });
const memoIdSchema = z.object({ memoId: z.string().min(1) });
/** A form's "None (top level)" parent is an empty string. */
const formParent = (form: FormData) => ({ parentId: String(form.get("parentId") ?? "") || null });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user } = requirePageAuth(request, context);
  const projectId = params.projectId!;
  const { services } = context;
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const fields = Object.fromEntries(form);
  try {
    switch (intent) {
      case "create-code": {
        await requireProjectAccess(context, projectId, "codes:propose");
        const input = createCodeSchema.parse({ ...fields, ...formParent(form) });
        const code = await createCode(services, projectId, user.id, input);
        return { ok: true as const, intent, codeId: code.id, message: `Code “${code.name}” added.` };
      }
      case "update-code": {
        const { codeId } = parseForm(form, idSchema);
        await codeHere(context, projectId, codeId, "codebook:edit");
        const changes = updateCodeSchema.parse({ ...fields, ...formParent(form) });
        const code = await updateCode(services, codeId, changes);
        return { ok: true as const, intent, codeId, message: `Code “${code.name}” saved.` };
      }
      case "merge-code": {
        const { codeId } = parseForm(form, idSchema);
        const { intoId } = parseForm(form, mergeSchema);
        await codeHere(context, projectId, codeId, "codebook:edit");
        await codeHere(context, projectId, intoId, "codebook:edit");
        const source = (await listCodes(services, projectId)).find((c) => c.id === codeId);
        const target = await mergeCode(services, codeId, intoId);
        return { ok: true as const, intent, codeId: intoId, message: `“${source?.name}” was merged into “${target.name}”.` };
      }
      case "delete-code": {
        const { codeId } = parseForm(form, idSchema);
        await codeHere(context, projectId, codeId, "codebook:edit");
        const code = (await listCodes(services, projectId)).find((c) => c.id === codeId);
        await deleteCode(services, codeId);
        return { ok: true as const, intent, codeId, message: `Code “${code?.name}” deleted.` };
      }
      case "add-memo": {
        const { codeId } = parseForm(form, idSchema);
        await codeHere(context, projectId, codeId, "memos:write");
        const { body } = parseForm(form, memoSchema);
        await addMemo(services, projectId, user.id, { type: "code", id: codeId }, body);
        return { ok: true as const, intent, codeId, message: "Memo added." };
      }
      case "delete-memo": {
        const { memoId } = parseForm(form, memoIdSchema);
        if ((await memoProject(services, memoId)) !== projectId) throw notFound("Memo not found.");
        const { role } = await requireProjectAccess(context, projectId, "project:read");
        const isOwner = can(user, "memos:moderate", { kind: "project", projectId, role });
        await deleteMemo(services, memoId, { id: user.id, isOwner });
        return { ok: true as const, intent, codeId: String(form.get("codeId") ?? ""), message: "Memo deleted." };
      }
      default:
        throw new HttpError(400, "unknown_intent", "That form is not one this page understands.");
    }
  } catch (err) {
    return formFailure(err instanceof z.ZodError ? zodToHttp(err) : err, form, (e) =>
      e.status === 422 && intent === "update-code" ? "parentId" : e.status === 422 && intent === "create-code" ? "parentId" : undefined,
    );
  }
}

/** schema.parse() above throws a ZodError: the same 400 parseForm gives. */
function zodToHttp(err: z.ZodError) {
  const fields: Record<string, string> = {};
  for (const issue of err.issues) fields[issue.path.join(".") || "form"] ??= issue.message;
  return new HttpError(400, "invalid_request", err.issues[0]?.message ?? "Check the form.", {}, fields);
}

export default function Codebook() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const success = useSettledMessage(result);
  const createForm = useResetOnSuccess(result, "create-code");
  const tree = buildTree(data.codes);
  const flat = flatten(tree);
  const env: CodebookEnv = {
    codes: data.codes,
    flat,
    userId: data.userId,
    canEdit: data.canEdit,
    canWriteMemos: data.canWriteMemos,
    canModerateMemos: data.canModerateMemos,
    samples: data.samples,
    result: result as CodebookEnv["result"],
  };
  const createState = failureFor(result, "create-code");
  const failure = failureFor(result);
  // Failures of a code's own forms show in its panel; others (deleting a code…) show up here.
  const pageFailure =
    failure && !["create-code", "update-code", "merge-code", "add-memo", "delete-memo"].includes(failure.intent ?? "") ? failure : undefined;
  return (
    <div className="codebook">
      <section className="card codebook__tree" aria-labelledby="codes-heading">
        <div className="section-head">
          <h2 id="codes-heading">{`Codes (${data.codes.length})`}</h2>
          <p className="meta">
            {data.canEdit
              ? "Edit, move, merge or delete a code from its row."
              : data.canPropose
                ? "You can add codes; researchers and owners organise them."
                : "You can read the codebook and its memos."}
          </p>
        </div>
        <div role="status" aria-live="polite" className={success ? "alert alert--success" : "visually-hidden"}>
          {success}
        </div>
        <FormError state={pageFailure} summarize />
        {tree.length === 0 ? (
          <div className="empty">
            <h3>No codes yet</h3>
            <p>
              {data.canPropose
                ? "Codes name the themes you find in the documents. Add the first one with the form."
                : "Researchers add the codes that name the themes found in the documents."}
            </p>
          </div>
        ) : (
          <CodeTree nodes={tree} env={env} />
        )}
      </section>
      {data.canPropose ? (
        <aside className="card codebook__new" aria-labelledby="new-code-heading">
          <h2 id="new-code-heading">New code</h2>
          <NewCodeForm flat={flat} suggestedColor={data.suggestedColor} state={createState} formRef={createForm} />
        </aside>
      ) : null}
    </div>
  );
}
