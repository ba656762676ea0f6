/** Staff pages are English whatever language a resident chose on this browser. */
export default function StaffLayout({ children }: { children: React.ReactNode }) {
  return <div lang="en">{children}</div>;
}
