import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import leafletStyles from "leaflet/dist/leaflet.css?url";
import { ContributionForm, type ContributionFormState } from "~/components/contributions/contribution-form";
import { readPostedContribution } from "~/lib/contributions/form-answers";
import { viewableForm } from "~/lib/contributions/forms.server";
import { submit } from "~/lib/contributions/submissions.server";
import { checkValues } from "~/lib/contributions/submission-values";
import { HttpError } from "~/lib/http/errors.server";
import { requirePageAuth } from "~/lib/http/page.server";
import type { RequestContext } from "~/lib/services.server";
import contributionStyles from "~/styles/contributions.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: contributionStyles },
  { rel: "stylesheet", href: leafletStyles },
];

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: d && "form" in d ? `${d.form.title} · ${d.form.projectName}` : "Contribute · Thicket" },
  // A form link is shared on purpose, not meant to be found by search engines.
  { name: "robots", content: "noindex" },
];

/**
 * The form a contributor was sent, or why they cannot use it. A members-only form sends the
 * logged-out to log in first; a closed or unknown form says so plainly.
 */
async function openForm(request: Request, context: RequestContext, formId: string) {
  try {
    return await viewableForm(context.services, formId, context.auth?.user.id ?? null);
  } catch (err) {
    if (err instanceof HttpError && err.status === 401) requirePageAuth(request, context);
    if (err instanceof HttpError && err.status === 410) return null;
    if (err instanceof HttpError && err.status === 404) {
      throw data({ message: "There is no form at this address. Check that the link was copied whole." }, { status: 404 });
    }
    throw err;
  }
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const form = await openForm(request, context, params.formId!);
  if (!form) return data({ closed: true as const }, { status: 410 });
  const { title, prompt, consentText, fields, projectName, access } = form;
  return { form: { title, prompt, consentText, fields, projectName, access }, mapTileUrl: context.services.config.mapTileUrl };
}

/** An error message for the whole form, in words a member of the public can act on. */
function formMessage(err: HttpError): string {
  if (err.status === 429) {
    const wait = Number(err.headers["Retry-After"] ?? 60);
    const minutes = Math.max(1, Math.ceil(wait / 60));
    return `Too many contributions came from your connection just now. Please try again in ${minutes} minute${minutes === 1 ? "" : "s"}; what you wrote is still here.`;
  }
  if (err.status === 403) return "Your role in this project does not include sending contributions. Ask a project owner.";
  return err.message;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await openForm(request, context, params.formId!);
  const posted = form ? readPostedContribution(form.fields, await request.formData()) : null;
  const refused = (status: number, state: ContributionFormState) =>
    data<ContributionFormState>({ ...state, typed: posted?.typed }, { status });
  if (!form || !posted) return refused(410, { formError: "This form closed while you were writing. Nothing was sent." });
  try {
    const { receipt } = await submit(
      context.services,
      params.formId!,
      { consent: posted.consent || undefined, values: posted.values, website: posted.website },
      { userId: context.auth?.user.id ?? null, ip: context.clientIp },
      new URL(request.url).origin,
    );
    return redirect(`/receipts/${receipt.token}?new=1`);
  } catch (err) {
    if (!(err instanceof HttpError) || err.status >= 500) throw err;
    if (err.code === "consent_required") {
      // Consent is checked first; say at once what else needs fixing, so one retry is enough.
      const checked = checkValues(form.fields, posted.values);
      return refused(422, { fieldErrors: { ...(checked.ok ? {} : checked.errors), consent: err.message } });
    }
    if (err.fields) return refused(err.status, { fieldErrors: err.fields });
    return refused(err.status, { formError: formMessage(err) });
  }
}

export default function ContributePage() {
  const loaded = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  if ("closed" in loaded) {
    return (
      <div className="card narrow contribute" role="status">
        <h1>This form is closed</h1>
        <p>It no longer takes contributions. Thank you for wanting to take part.</p>
        <p className="meta">If you sent something earlier, your receipt link still shows it and still lets you withdraw it.</p>
      </div>
    );
  }
  const { form, mapTileUrl } = loaded;
  return (
    <div className="contribute">
      <header className="contribute__head">
        <p className="contribute__project">{form.projectName}</p>
        <h1>{form.title}</h1>
        {form.prompt ? <p className="contribute__prompt">{form.prompt}</p> : null}
        {form.access === "members" ? (
          <p className="meta">
            For project members. You will find what you send under <Link to="/contributions">My contributions</Link>.
          </p>
        ) : (
          <p className="meta">No account needed. After sending, you get a private link to see or withdraw what you gave.</p>
        )}
      </header>
      <ContributionForm fields={form.fields} consentText={form.consentText} state={state} mapTileUrl={mapTileUrl} />
    </div>
  );
}
