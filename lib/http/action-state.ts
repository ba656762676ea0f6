/** What a form's server action answers: a message, field errors, or a secret shown exactly once. */
export interface ActionState {
  ok?: boolean;
  message?: string;
  errors?: Record<string, string>;
  secret?: { label: string; value: string };
}
