"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { ApiKeysCard } from "./api-keys-card";
import { DestinationsCard } from "./destinations-card";
import { MembersCard } from "./members-card";
import { ProjectGeneralCard } from "./project-general-card";
import { SigningKeysCard } from "./signing-keys-card";

const TABS = ["general", "members", "sdk", "api-keys", "notifications"] as const;

export function SettingsTabs({ projectId }: { projectId: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const requested = useSearchParams().get("tab");
  const tab = TABS.find((value) => value === requested) ?? "general";
  return (
    <Tabs value={tab} onValueChange={(value) => router.replace(`${pathname}?tab=${value}`, { scroll: false })} className="mt-6">
      <TabsList>
        <TabsTrigger value="general">General</TabsTrigger>
        <TabsTrigger value="members">Members</TabsTrigger>
        <TabsTrigger value="sdk">SDK setup</TabsTrigger>
        <TabsTrigger value="api-keys">API keys</TabsTrigger>
        <TabsTrigger value="notifications">Notifications</TabsTrigger>
      </TabsList>
      <TabsContent value="general" className="mt-6">
        <ProjectGeneralCard projectId={projectId} />
      </TabsContent>
      <TabsContent value="members" className="mt-6">
        <MembersCard projectId={projectId} />
      </TabsContent>
      <TabsContent value="sdk" className="mt-6">
        <SigningKeysCard projectId={projectId} />
      </TabsContent>
      <TabsContent value="api-keys" className="mt-6">
        <ApiKeysCard projectId={projectId} />
      </TabsContent>
      <TabsContent value="notifications" className="mt-6">
        <DestinationsCard projectId={projectId} />
      </TabsContent>
    </Tabs>
  );
}
