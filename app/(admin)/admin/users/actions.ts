"use server";

import { revalidatePath } from "next/cache";
import { changeUserRole, createStaffUser, resetUserMfa, resetUserPassword, setUserDisabled, signOutEverywhere, unlockUser } from "@/lib/accounts/users";
import { formAnswer, staffFormAction } from "@/lib/auth/staff-form-action";

const PATH = "/admin/users";
const asAdmin = { role: "admin", path: PATH } as const;

/** The answer to a change on the users page: it re-renders the list, then says what happened. */
const done = (message: string, secret?: { label: string; value: string }) => {
  revalidatePath(PATH);
  return { ok: true, message, secret };
};

export const createUserAction = staffFormAction(asAdmin, async (ctx, text) =>
  formAnswer(await createStaffUser(ctx, { email: text("email"), name: text("name"), role: text("role"), password: text("password") || undefined }), (r) =>
    done(`Created ${r.user.email}.`, r.generatedPassword ? { label: "Password", value: r.generatedPassword } : undefined),
  ),
);

export const changeRoleAction = staffFormAction(asAdmin, async (ctx, text) =>
  formAnswer(await changeUserRole(ctx, { userId: text("userId"), role: text("role") }), () => done("Role changed; their sessions ended.")),
);

export const setDisabledAction = staffFormAction(asAdmin, async (ctx, text) => {
  const disable = text("disable") === "true";
  return formAnswer(await setUserDisabled(ctx, { userId: text("userId"), disabled: disable }), () => done(disable ? "Disabled." : "Enabled."));
});

export const resetPasswordAction = staffFormAction(asAdmin, async (ctx, text) =>
  formAnswer(await resetUserPassword(ctx, { userId: text("userId"), password: text("password") || undefined }), (r) =>
    done("Password reset; their sessions ended.", r.generatedPassword ? { label: "New password", value: r.generatedPassword } : undefined),
  ),
);

export const signOutEverywhereAction = staffFormAction(asAdmin, async (ctx, text) =>
  formAnswer(await signOutEverywhere(ctx, { userId: text("userId") }), () => done("Signed out everywhere.")),
);

export const unlockAction = staffFormAction(asAdmin, async (ctx, text) =>
  formAnswer(await unlockUser(ctx, { userId: text("userId") }), () => done("Unlocked.")),
);

export const resetMfaAction = staffFormAction(asAdmin, async (ctx, text) =>
  formAnswer(await resetUserMfa(ctx, { userId: text("userId") }), () => done("Second factor removed; they enrol again at next sign-in.")),
);
