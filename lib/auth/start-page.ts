import type { Role } from "./roles";

/**
 * Where a member of staff starts after sign-in: supervisors (and admins) on the
 * dashboard; detectives on their own canvass stops when they have some in open
 * incidents, otherwise on the map to start a search.
 */
export function startPathFor(role: Role, openStopsAssigned: number): string {
  if (role !== "detective") return "/dashboard";
  return openStopsAssigned > 0 ? "/my-canvass" : "/map";
}

/** The sign-in page's destination: the asked-for path, except none or the residents' home, which mean "my start page". */
export function afterSignInPath(safePath: string): string {
  return safePath === "/" ? "/start" : safePath;
}
