import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ConnectionBanner } from "~/components/editor/connection-banner";
import { CLOSE_SIGNED_OUT, CLOSE_TOO_LARGE, refusalOf } from "~/lib/collab/close-codes";
import { CLOSE_REVOKED } from "../../server/collab/connection";

/** What the editor tells a person when the server closes their socket for good. */
describe("a refused connection", () => {
  const banner = (code: number) =>
    renderToStaticMarkup(createElement(ConnectionBanner, { state: refusalOf(code), loginHref: "/login?redirectTo=%2Fdoc" }));

  it("says the document is at its size limit, not that access was lost, when an edit was too large", () => {
    const html = banner(CLOSE_TOO_LARGE);
    expect(html).toContain("reached its limit of 5,000,000 characters");
    expect(html).toContain("your last change was not saved");
    expect(html).toContain("Reload to keep working");
    expect(html).not.toContain("no longer have access");
  });

  it("asks a signed-out person to log in again, and tells a removed member they lost access", () => {
    expect(banner(CLOSE_SIGNED_OUT)).toContain('href="/login?redirectTo=%2Fdoc"');
    expect(banner(CLOSE_REVOKED)).toContain("You no longer have access to this document.");
  });
});
