import type { Metadata } from "next";
import { SettingsTabs } from "@/components/settings/settings-tabs";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return (
    <div>
      <PageHeader title="Settings" description="Your project and its members, the keys that sign your users' tokens, API keys, and Notifications for runs that fail." />
      <SettingsTabs projectId={projectId} />
    </div>
  );
}
