"use client";

import { Laptop } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { revokeOtherSessionsAction, revokeSessionAction } from "@/app/(dashboard)/account/actions";
import { formatDateTime } from "@/components/settings/format-date-time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { ActionsTH, Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import type { TBuilderSessionView } from "@/lib/accounts/list-builder-sessions";
import { callAction } from "./action-client";
import { describeUserAgent } from "./describe-user-agent";

export function SessionsCard({ sessions }: { sessions: TBuilderSessionView[] }) {
  const router = useRouter();
  const toast = useToast();
  const [ending, setEnding] = useState<TBuilderSessionView | null>(null);
  const [endingOthers, setEndingOthers] = useState(false);
  const others = sessions.filter((session) => !session.current);
  return (
    <Card>
      <CardHeader
        title="Sessions"
        description="Browsers signed in to your account. Sign out any you don't recognise."
        actions={
          others.length > 0 && (
            <Button type="button" variant="secondary" size="sm" onClick={() => setEndingOthers(true)}>
              Sign out all other sessions
            </Button>
          )
        }
      />
      {sessions.length === 0 ? (
        <EmptyState
          className="m-6"
          icon={<Laptop />}
          title="No tracked sessions"
          description="This browser signed in before sessions were recorded. Sign out and in again to see it here."
        />
      ) : (
        <Table>
          <THead>
            <TR>
              <TH>Device</TH>
              <TH>Address</TH>
              <TH>Signed in</TH>
              <TH>Last seen</TH>
              <ActionsTH />
            </TR>
          </THead>
          <TBody>
            {sessions.map((session) => (
              <TR key={session.id} data-testid={session.current ? "session-current" : "session-other"}>
                <TD className="font-medium">
                  <span title={session.userAgent || undefined}>{describeUserAgent(session.userAgent)}</span>
                  {session.current && (
                    <Badge variant="accent" className="ml-2">
                      This session
                    </Badge>
                  )}
                </TD>
                <TD className="font-mono text-xs">{session.ipAddress ?? "—"}</TD>
                <TD>{formatDateTime(session.createdAt)}</TD>
                <TD>{session.current ? "Now" : formatDateTime(session.lastSeenAt)}</TD>
                <TD className="text-right">
                  {!session.current && (
                    <Button type="button" variant="ghost" size="sm" onClick={() => setEnding(session)}>
                      Sign out
                    </Button>
                  )}
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}

      <ConfirmDialog
        open={ending !== null}
        onOpenChange={(open) => !open && setEnding(null)}
        title={`Sign out ${ending ? describeUserAgent(ending.userAgent) : "this session"}?`}
        description="That browser will be signed out at its next request."
        confirmLabel="Sign out session"
        destructive
        onConfirm={async () => {
          if (!ending) return;
          await callAction(revokeSessionAction({ sessionId: ending.id }));
          toast({ title: "Session signed out", variant: "success" });
          setEnding(null);
          router.refresh();
        }}
      />
      <ConfirmDialog
        open={endingOthers}
        onOpenChange={setEndingOthers}
        title="Sign out all other sessions?"
        description={`${others.length} other ${others.length === 1 ? "browser" : "browsers"} will be signed out. This browser stays signed in.`}
        confirmLabel="Sign out others"
        destructive
        onConfirm={async () => {
          const { signedOut } = await callAction(revokeOtherSessionsAction());
          toast({ title: `Signed out ${signedOut} ${signedOut === 1 ? "session" : "sessions"}`, variant: "success" });
          setEndingOthers(false);
          router.refresh();
        }}
      />
    </Card>
  );
}
