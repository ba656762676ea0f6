"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import type { ActionState } from "@/components/admin/action-state";
import { changeUserRole, createStaffUser, resetUserMfa, resetUserPassword, setUserDisabled, signOutEverywhere, unlockUser } from "@/lib/accounts/users";
import { actionActor } from "@/lib/auth/action-actor";
import { requireStaffAction } from "@/lib/auth/require-staff-action";

const PATH = "/admin/users";
const text = (form: FormData, name: string) => String(form.get(name) ?? "");

function answer(result: { ok: true } | { ok: false; errors: Record<string, string> }, message: string): ActionState {
  if (!result.ok) return { errors: result.errors };
  revalidatePath(PATH);
  return { ok: true, message };
}

export async function createUserAction(_: ActionState, form: FormData): Promise<ActionState> {
  const admin = await requireStaffAction("admin", PATH);
  const result = await createStaffUser(await getDb(), await actionActor(admin), {
    email: text(form, "email"),
    name: text(form, "name"),
    role: text(form, "role") as "detective",
    password: text(form, "password") || undefined,
  });
  if (!result.ok) return { errors: result.errors };
  revalidatePath(PATH);
  return {
    ok: true,
    message: `Created ${result.user.email}.`,
    secret: result.generatedPassword ? { label: "Password", value: result.generatedPassword } : undefined,
  };
}

export async function changeRoleAction(_: ActionState, form: FormData): Promise<ActionState> {
  const admin = await requireStaffAction("admin", PATH);
  return answer(await changeUserRole(await getDb(), await actionActor(admin), text(form, "userId"), text(form, "role")), "Role changed; their sessions ended.");
}

export async function setDisabledAction(_: ActionState, form: FormData): Promise<ActionState> {
  const admin = await requireStaffAction("admin", PATH);
  const disable = text(form, "disable") === "true";
  return answer(await setUserDisabled(await getDb(), await actionActor(admin), text(form, "userId"), disable), disable ? "Disabled." : "Enabled.");
}

export async function resetPasswordAction(_: ActionState, form: FormData): Promise<ActionState> {
  const admin = await requireStaffAction("admin", PATH);
  const result = await resetUserPassword(await getDb(), await actionActor(admin), text(form, "userId"), text(form, "password") || undefined);
  if (!result.ok) return { errors: result.errors };
  revalidatePath(PATH);
  return {
    ok: true,
    message: "Password reset; their sessions ended.",
    secret: result.generatedPassword ? { label: "New password", value: result.generatedPassword } : undefined,
  };
}

export async function signOutEverywhereAction(_: ActionState, form: FormData): Promise<ActionState> {
  const admin = await requireStaffAction("admin", PATH);
  return answer(await signOutEverywhere(await getDb(), await actionActor(admin), text(form, "userId")), "Signed out everywhere.");
}

export async function unlockAction(_: ActionState, form: FormData): Promise<ActionState> {
  const admin = await requireStaffAction("admin", PATH);
  return answer(await unlockUser(await getDb(), await actionActor(admin), text(form, "userId")), "Unlocked.");
}

export async function resetMfaAction(_: ActionState, form: FormData): Promise<ActionState> {
  const admin = await requireStaffAction("admin", PATH);
  return answer(await resetUserMfa(await getDb(), await actionActor(admin), text(form, "userId")), "Second factor removed; they enrol again at next sign-in.");
}
