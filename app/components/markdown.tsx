import { createElement, type ReactNode } from "react";
import ReactMarkdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";

/**
 * User-written Markdown (a finding's claim) rendered as React elements, never as HTML: raw HTML
 * in the text stays visible as text (no rehype-raw), react-markdown's default URL filter drops
 * `javascript:` and other unsafe links, links carry rel="noopener noreferrer nofollow", and
 * images become their alt text (a claim must not load anything from elsewhere, and the page's
 * CSP would block it anyway). Headings start at `headingLevel` so they fit under the page's own.
 */
export function Markdown({ text, className = "md", headingLevel = 4 }: { text: string; className?: string; headingLevel?: number }) {
  return (
    <div className={className}>
      <ReactMarkdown remarkPlugins={[remarkGfm]} components={componentsFor(headingLevel)}>
        {text}
      </ReactMarkdown>
    </div>
  );
}

const cache = new Map<number, Components>();

function componentsFor(headingLevel: number): Components {
  const cached = cache.get(headingLevel);
  if (cached) return cached;
  const heading = (level: number) =>
    function Heading({ children }: { children?: ReactNode }) {
      return createElement(`h${Math.min(6, headingLevel + level - 1)}`, { className: "md__heading" }, children);
    };
  const components: Components = {
    // A link whose URL the filter dropped (javascript: and the like) stays as its text.
    a: ({ href, title, children }) =>
      href ? (
        <a href={href} title={title} rel="noopener noreferrer nofollow">
          {children}
        </a>
      ) : (
        <span>{children}</span>
      ),
    img: ({ alt }) => <span className="md__image">{alt ? `[image: ${alt}]` : "[image]"}</span>,
    h1: heading(1),
    h2: heading(2),
    h3: heading(3),
    h4: heading(4),
    h5: heading(5),
    h6: heading(6),
  };
  cache.set(headingLevel, components);
  return components;
}
