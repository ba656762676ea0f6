import "server-only";
/**
 * The one shape of a mutation in lib/: `mutation(ctx, input)`.
 *
 * - `ctx` is what the mutation runs with: the database (or the caller's
 *   transaction), the audit actor (who the audit entry names, from where) and
 *   the principal (whom the role check asks). Route handlers get it from
 *   withRole or manageRoute, server actions from staffFormAction; a mutation
 *   that needs a service (a geocoder, a mailer) or a test clock declares it as
 *   an extension of the context (`ctx: StaffContext & RegistrationServices`),
 *   never as a third argument.
 * - `input` is what the caller asks for, as it arrived: the mutation parses it
 *   (or takes it already parsed where the route's schema sits beside the
 *   route), with the id of the thing it changes inside it (`{ entryId, patch }`).
 *   A mutation that needs nothing but the principal takes `(ctx)` alone.
 *
 * Each one then reads the same way: parse → role → transaction → audit entry
 * in that transaction, listing what changed.
 *
 * There are three kinds of principal, told apart by `via`:
 * - a staff member (StaffPrincipal, `via` "session" or "token"), checked by role;
 * - a resident holding a registration's private management link
 *   (OwnerPrincipal, `via` "manage_link"): the link's token is their only
 *   credential, so it is the principal, and owner mutations find the
 *   registration by it rather than by an id in the input;
 * - the operator at the shell (OperatorPrincipal, `via` "operator"): the user
 *   CLI, the demo seed, benchmarks and test setup, already trusted with the
 *   database's credentials, so it passes every staff role check.
 */
import type { Db } from "@/db/client";
import { systemActor, type AuditActor } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/http/errors";
import type { StaffPrincipal } from "./principal";
import { roleAllows, type Role } from "./roles";

/** A resident acting through their registration's private management link. */
export interface OwnerPrincipal {
  via: "manage_link";
  /** The link's token, as the owner sent it (only its hash is stored). */
  manageToken: string;
}

/** Whoever runs a command on the server itself: trusted as an admin. */
export interface OperatorPrincipal {
  via: "operator";
  label: string;
}

export type Principal = StaffPrincipal | OwnerPrincipal | OperatorPrincipal;

export interface MutationContext<P extends Principal = Principal> {
  db: Db;
  actor: AuditActor;
  principal: P;
  /** The clock, so tests can pin it; absent, the mutation uses the time it runs. */
  now?: Date;
}

/** A staff member's mutation (an API route under withRole, or a server action). */
export type StaffContext = MutationContext<StaffPrincipal>;
/** A resident's mutation through the private link (lib/registration/manage.ts). */
export type OwnerContext = MutationContext<OwnerPrincipal>;
/** A staff mutation the operator may also run from the shell (creating users, issuing tokens). */
export type AdminContext = MutationContext<StaffPrincipal | OperatorPrincipal>;

/** The context for a command run on the server (CLI, seed, benchmark, test setup); `label` names it in the audit trail. */
export function operatorContext(db: Db, label = "system"): MutationContext<OperatorPrincipal> {
  return { db, actor: systemActor(label), principal: { via: "operator", label } };
}

/** The role check at the top of a staff mutation: the operator passes, a staff member needs `minRole`. */
export function requireRole(principal: StaffPrincipal | OperatorPrincipal, minRole: Role, message = "forbidden"): void {
  if (principal.via === "operator") return;
  if (!roleAllows(principal.role, minRole)) throw new AppError("forbidden", message);
}

/** True when the principal has at least `role` (the operator always does). */
export function principalAllows(principal: StaffPrincipal | OperatorPrincipal, role: Role): boolean {
  return principal.via === "operator" || roleAllows(principal.role, role);
}
