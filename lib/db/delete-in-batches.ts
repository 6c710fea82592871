import { sql } from "./sql";

export const RETENTION_BATCH_SIZE = 1_000;

/**
 * Runs `deleteSql` (a DELETE of at most $2 rows of one project, $1, each statement its own short transaction)
 * until it deletes fewer than a batch: retention never holds locks on, or writes WAL for, more than one batch
 * at a time, however much has expired. `params` follow as $3…. Returns how many rows were deleted.
 */
export async function deleteInBatches(deleteSql: string, projectId: string, params: unknown[] = [], batchSize = RETENTION_BATCH_SIZE): Promise<number> {
  let total = 0;
  for (;;) {
    const rows = await sql.query<{ id: string }>(deleteSql, [projectId, batchSize, ...params]);
    total += rows.length;
    if (rows.length < batchSize) return total;
  }
}
