import type { Metadata } from "next";
import { NotBuiltYet } from "@/components/shell/not-built-yet";

export const metadata: Metadata = { title: "Connected Users" };

export default function ConnectedUsersPage() {
  return (
    <NotBuiltYet
      title="Connected Users"
      description="Your app's users who have connected through the SDK."
      plan={[
        "See each user's metadata and which workflows they switched on in the Connect Portal",
        "Enable or disable a workflow for one user, with their settings",
      ]}
    />
  );
}
