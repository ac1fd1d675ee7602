/**
 * Debian's Chromium, launched the way this machine needs: browsers cannot be downloaded here,
 * and without the background-networking flags Chromium keeps dialling out to a closed network.
 * Used by Playwright's config and by the browser benchmarks.
 */
export const chromiumLaunchOptions = {
  executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};
