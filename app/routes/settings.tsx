import { NavLink, Outlet } from "@remix-run/react";

/** Your own settings: the account (password, sessions) and access tokens, one tab each. */
export default function Settings() {
  return (
    <>
      <nav className="tabs" aria-label="Settings">
        <NavLink to="/settings/account">Account</NavLink>
        <NavLink to="/settings/tokens">Access tokens</NavLink>
      </nav>
      <Outlet />
    </>
  );
}
