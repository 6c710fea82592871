-- A Request trigger's answer: the run's first Response step, written with that step's record and announced on
-- the channel switchyard_run_response in the same transaction (lib/runs/run-write-batches.ts), so the web
-- process holding the call answers it as soon as the step is reached. A table of its own, so that Run's updates
-- stay HOT; deleted with its run.
CREATE TABLE "RunResponse" (
    "runId" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "response" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RunResponse_pkey" PRIMARY KEY ("runId")
);

ALTER TABLE "RunResponse" ADD CONSTRAINT "RunResponse_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;
