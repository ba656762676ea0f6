import { StaffNotFound } from "@/components/layout/staff-not-found";

/** notFound() from a staff page (an unknown incident or registration id). */
export default function NotFound() {
  return <StaffNotFound />;
}
