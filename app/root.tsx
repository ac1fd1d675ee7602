import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { AppHeader } from "./components/app-header";
import { useNonce } from "./lib/nonce";
import { unreadCount } from "./lib/notifications/notifications.server";
import stylesheet from "./styles/app.css?url";
import notificationStyles from "./styles/notifications.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "stylesheet", href: notificationStyles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Thicket" }];

export async function loader({ context }: LoaderFunctionArgs) {
  const user = context.auth?.user ?? null;
  // For the header's bell; the root loader runs again on every navigation, so it stays current.
  const unread = user ? await unreadCount(context.services.db, user.id) : 0;
  return { user, unread };
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<typeof loader>("root");
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <AppHeader user={data?.user ?? null} unread={data?.unread ?? 0} />
        <main id="main">{children}</main>
        <footer className="app-footer">Thicket: the numbers and the stories, together.</footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error)) {
    const message =
      (error.data as { message?: string } | undefined)?.message ??
      (error.status === 404 ? "We could not find that page." : error.statusText);
    return (
      <div className="card narrow" role="alert">
        <h1>{error.status === 404 ? "Not found" : error.status === 403 ? "Not allowed" : "Something went wrong"}</h1>
        <p>{message}</p>
        <a href="/projects">Back to your projects</a>
      </div>
    );
  }
  return (
    <div className="card narrow" role="alert">
      <h1>Something went wrong</h1>
      <p>An unexpected error happened. Reload the page, and if it keeps happening, tell your administrator.</p>
    </div>
  );
}
