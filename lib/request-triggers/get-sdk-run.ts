import "server-only";
import { sameProjectSql, sql } from "@/lib/db/sql";
import { notFound } from "@/lib/http/errors";
import type { TRunAnswer } from "@/lib/runs/run-outcomes";
import { ZUuid } from "@/lib/schemas/common";

/** A run as the user it ran for sees it: where it stands, and the answer of its Response step once it has one. */
export type TSdkRun = {
  runId: string;
  workflowId: string;
  status: string;
  createdAt: string;
  finishedAt: string | null;
  response: TRunAnswer | null;
};

// The run by its key, then checked to be the project's and the user's (see sameProjectSql for why so).
const SDK_RUN_SQL = `
  SELECT r."id", r."workflowId", r."status"::text AS "status", r."createdAt", r."finishedAt", a."response"
  FROM "Run" r
  JOIN "ConnectedUser" u ON u."id" = r."connectedUserId"
  LEFT JOIN "RunResponse" a ON a."runId" = r."id"
  WHERE r."id" = $2::uuid AND ${sameProjectSql('r."projectId"', "$1::uuid")} AND u."externalId" = $3`;

/** A run of `userExternalId` in the project; 404 for any other run, whoever's and wherever it is. */
export async function getSdkRun(options: { projectId: string; runId: string; userExternalId: string }): Promise<TSdkRun> {
  if (!ZUuid.safeParse(options.runId).success) throw notFound("Run");
  const [row] = await sql.query<{ id: string; workflowId: string; status: string; createdAt: Date; finishedAt: Date | null; response: TRunAnswer | null }>(SDK_RUN_SQL, [
    options.projectId,
    options.runId,
    options.userExternalId,
  ]);
  if (!row) throw notFound("Run");
  return {
    runId: row.id,
    workflowId: row.workflowId,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    response: row.response,
  };
}
