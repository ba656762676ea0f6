export function FieldError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <span role="alert" className="block text-xs text-red-700">
      {message}
    </span>
  );
}
