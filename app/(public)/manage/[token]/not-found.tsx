import { LostLinkPage } from "@/components/registration/lost-link-page";

/** A dead, mistyped or replaced management link: explain, and offer a fresh link by e-mail. */
export default function ManageLinkNotFound() {
  return <LostLinkPage deadLink />;
}
