/** Project roles (DESIGN.md). Kept free of server imports: the browser uses them too. */
export const projectRoles = ["owner", "researcher", "coder", "contributor", "reviewer"] as const;
export type ProjectRole = (typeof projectRoles)[number];
