// How the workers tell the web process holding a Request trigger's call what became of its run, on one
// PostgreSQL channel: the run reached its Response step (run-write-batches.ts announces it in the transaction
// that commits the answer), or it ended without reaching one. NOTIFY is delivered on commit only, so whoever
// hears an announcement can rely on what it says being committed. Without "server-only": plain constants and
// types, shared by the worker's statements and the web's listener (lib/request-triggers/run-outcome-listener.ts).

export const RUN_OUTCOME_CHANNEL = "switchyard_run_outcome";

/** What a run of a Request trigger answers its call with: its first Response step's output. */
export type TRunAnswer = { statusCode: number; headers: Record<string, string>; body: unknown };

/**
 * An announcement: `answer` when the answer fits in a notification (8,000 bytes), or `answered` alone when it
 * does not (read it from RunResponse); `ended` when the run ended without reaching a Response step.
 */
export type TRunOutcomeMessage =
  | { runId: string; answer: TRunAnswer }
  | { runId: string; answered: true }
  | { runId: string; ended: "succeeded" | "failed" };

/** The SQL of an announcement that run `runId` answered with the jsonb `answer`. */
export const announceAnswerSql = (runId: string, answer: string) =>
  `pg_notify('${RUN_OUTCOME_CHANNEL}', CASE WHEN octet_length(json_build_object('runId', ${runId}, 'answer', ${answer})::text) < 8000
     THEN json_build_object('runId', ${runId}, 'answer', ${answer})::text ELSE json_build_object('runId', ${runId}, 'answered', true)::text END)`;

/** The SQL of an announcement that run `runId` ended with the text `status` without answering. */
export const announceEndSql = (runId: string, status: string) => `pg_notify('${RUN_OUTCOME_CHANNEL}', json_build_object('runId', ${runId}, 'ended', ${status})::text)`;
