import { Markdown } from "../markdown";

/** A finding's claim, as safe Markdown (see markdown.tsx), or a hint while there is none. */
export function ClaimMarkdown({ text }: { text: string }) {
  if (text.trim() === "") return <p className="hint">No claim written yet.</p>;
  return (
    <div data-testid="finding-claim">
      <Markdown text={text} className="fd-claim md" headingLevel={3} />
    </div>
  );
}

/** What the claim box accepts, said once beside each claim field. */
export const markdownHint =
  "Markdown: **bold**, *italic*, [a link](https://…), lists with - or 1., > quotes, and tables. HTML is shown as typed, not run.";
