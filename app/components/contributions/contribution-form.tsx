import { Form, useNavigation } from "@remix-run/react";
import { useId } from "react";
import type { FormField } from "../../../db/kinds";
import type { TypedAnswers } from "~/lib/contributions/form-answers";
import { MAX_PEOPLE_MENTIONED, PEOPLE_MENTIONED } from "~/lib/contributions/submission-values";
import { AnswerField } from "./answer-field";

export interface ContributionFormState {
  formError?: string;
  fieldErrors?: Record<string, string>;
  typed?: TypedAnswers;
}

interface ContributionFormProps {
  fields: FormField[];
  consentText: string;
  state?: ContributionFormState;
  mapTileUrl: string | null;
}

/**
 * The contributor's side of an intake form: the questions, the names to hide, the consent
 * box and a send button. A plain POST form, so it works on any phone, even before the
 * page's JavaScript has arrived. Nothing here renders what anyone typed as markup.
 */
export function ContributionForm({ fields, consentText, state, mapTileUrl }: ContributionFormProps) {
  const id = useId();
  const navigation = useNavigation();
  const sending = navigation.state === "submitting";
  const typed = state?.typed ?? {};
  const errors = state?.fieldErrors ?? {};
  const errorCount = Object.keys(errors).length;
  const asksPeople = !fields.some((f) => f.name === PEOPLE_MENTIONED);
  return (
    <Form method="post" className="form contribution-form" noValidate>
      {state?.formError ? (
        <div className="alert alert--error" role="alert">
          {state.formError}
        </div>
      ) : errorCount > 0 ? (
        <div className="alert alert--error" role="alert">
          {errorCount === 1 ? "One answer needs a look" : `${errorCount} answers need a look`}: see the messages below.
          Nothing was sent yet.
        </div>
      ) : null}
      {fields.map((field) => (
        <AnswerField key={field.name} field={field} typed={typed} error={errors[field.name]} mapTileUrl={mapTileUrl} />
      ))}
      {asksPeople ? (
        <div className="field">
          <label htmlFor={`${id}-people`}>
            People you mention <span className="optional">(optional)</span>
          </label>
          <textarea
            id={`${id}-people`}
            name={PEOPLE_MENTIONED}
            rows={2}
            defaultValue={typeof typed[PEOPLE_MENTIONED] === "string" ? typed[PEOPLE_MENTIONED] : ""}
            aria-describedby={`${id}-people-hint${errors[PEOPLE_MENTIONED] ? ` ${id}-people-error` : ""}`}
            aria-invalid={errors[PEOPLE_MENTIONED] ? true : undefined}
          />
          <span id={`${id}-people-hint`} className="hint">
            Names of anyone in your text, one per line (at most {MAX_PEOPLE_MENTIONED}). We replace them with [NAME] before
            anyone reads it, and do not keep this list. E-mail addresses, phone and card numbers are hidden anyway.
          </span>
          {errors[PEOPLE_MENTIONED] ? (
            <span id={`${id}-people-error`} className="field-error" role="alert">
              {errors[PEOPLE_MENTIONED]}
            </span>
          ) : null}
        </div>
      ) : null}
      {/* A trap for bots: hidden from people and from assistive technology. */}
      <div className="honeypot" aria-hidden="true">
        <label htmlFor={`${id}-website`}>Leave this empty</label>
        <input id={`${id}-website`} type="text" name="website" tabIndex={-1} autoComplete="off" defaultValue="" />
      </div>
      <div className={`consent${errors.consent ? " consent--invalid" : ""}`}>
        <p className="consent__text">{consentText}</p>
        <label className="consent__box">
          <input
            type="checkbox"
            name="consent"
            value="yes"
            required
            aria-invalid={errors.consent ? true : undefined}
            aria-describedby={errors.consent ? `${id}-consent-error` : undefined}
          />
          I have read this and agree.
        </label>
        {errors.consent ? (
          <span id={`${id}-consent-error`} className="field-error" role="alert">
            {errors.consent}
          </span>
        ) : null}
      </div>
      <button type="submit" className="btn contribution-form__send" disabled={sending}>
        {sending ? "Sending…" : "Send my contribution"}
      </button>
    </Form>
  );
}
