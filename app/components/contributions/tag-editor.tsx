import type { FetcherWithComponents } from "@remix-run/react";
import { useId } from "react";
import { MAX_TAG_CHARS } from "~/lib/contributions/review-input";

/** A submission's tags: each removable, and a short field to add one (with the project's tags suggested). */
export function TagEditor<T>({
  submissionId,
  tags,
  known,
  fetcher,
  editable,
}: {
  submissionId: string;
  tags: string[];
  known: string[];
  fetcher: FetcherWithComponents<T>;
  editable: boolean;
}) {
  const id = useId();
  return (
    <div className="tags">
      {tags.length === 0 && !editable ? <span className="meta">No tags</span> : null}
      {tags.map((tag) => (
        <span key={tag} className="tag">
          {tag}
          {editable ? (
            <fetcher.Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="remove-tag" />
              <input type="hidden" name="submissionId" value={submissionId} />
              <input type="hidden" name="tag" value={tag} />
              <button type="submit" className="tag__remove" aria-label={`Remove tag ${tag}`} title="Remove tag">
                ×
              </button>
            </fetcher.Form>
          ) : null}
        </span>
      ))}
      {editable ? (
        <fetcher.Form method="post" className="tag-add">
          <input type="hidden" name="intent" value="add-tag" />
          <input type="hidden" name="submissionId" value={submissionId} />
          <label htmlFor={`${id}-tag`} className="visually-hidden">
            Add a tag
          </label>
          <input id={`${id}-tag`} name="tag" type="text" placeholder="Add tag" list={`${id}-known`} maxLength={MAX_TAG_CHARS} required autoComplete="off" />
          <datalist id={`${id}-known`}>
            {known.filter((k) => !tags.some((t) => t.toLowerCase() === k.toLowerCase())).map((k) => (
              <option key={k} value={k} />
            ))}
          </datalist>
          <button type="submit" className="btn btn--ghost btn--small">
            Add
          </button>
        </fetcher.Form>
      ) : null}
    </div>
  );
}
