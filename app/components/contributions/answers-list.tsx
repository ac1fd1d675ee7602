import type { FormField } from "../../../db/kinds";

type StoredValue = string | number | string[] | { lat: number; lng: number } | null;

/** An answer as words: lists joined, a location as "lat, lng". */
export function answerText(value: StoredValue | undefined): string {
  if (value === undefined || value === null) return "";
  if (Array.isArray(value)) return value.join(", ");
  if (typeof value === "object") return `${value.lat}, ${value.lng}`;
  return String(value);
}

/**
 * What a contributor gave, question by question, as stored (personal details already masked).
 * Text is shown as text, never as markup; line breaks are kept.
 */
export function AnswersList({
  fields,
  values,
}: {
  fields: Pick<FormField, "name" | "label" | "type">[];
  values: Record<string, StoredValue>;
}) {
  const answered = fields.filter((f) => answerText(values[f.name]) !== "");
  if (answered.length === 0) return <p className="meta">No answers were given.</p>;
  return (
    <dl className="answers">
      {answered.map((f) => (
        <div key={f.name} className={`answers__item answers__item--${f.type}`}>
          <dt>{f.label}</dt>
          <dd>{answerText(values[f.name])}</dd>
        </div>
      ))}
    </dl>
  );
}
