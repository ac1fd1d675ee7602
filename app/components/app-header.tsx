import { Form, NavLink } from "@remix-run/react";
import { NotificationBell } from "./notifications/bell";

export function AppHeader({ user, unread = 0 }: { user: { name: string; email: string } | null; unread?: number }) {
  return (
    <header className="app-header">
      <div className="app-header__inner">
        <a className="brand" href="/">
          <span className="brand__mark" aria-hidden="true" />
          Thicket
        </a>
        <nav className="app-nav" aria-label="Main">
          {user ? (
            <>
              <NavLink to="/projects">Projects</NavLink>
              <NavLink to="/contributions">My contributions</NavLink>
              <NavLink to="/settings">Account</NavLink>
            </>
          ) : null}
        </nav>
        {user ? (
          <div className="user-menu">
            <NotificationBell unread={unread} />
            <span title={user.email} data-testid="current-user">
              {user.name}
            </span>
            <Form method="post" action="/logout">
              <button type="submit" className="btn btn--secondary btn--small">
                Log out
              </button>
            </Form>
          </div>
        ) : (
          <div className="user-menu">
            <NavLink to="/login">Log in</NavLink>
            <NavLink to="/signup" className="btn btn--small">
              Sign up
            </NavLink>
          </div>
        )}
      </div>
    </header>
  );
}
