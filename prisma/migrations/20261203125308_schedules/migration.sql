-- CreateEnum
CREATE TYPE "ScheduleTickOutcome" AS ENUM ('ran', 'skipped');

-- DropIndex
DROP INDEX "Workflow_projectId_triggerType_triggerAppEventId_idx";

-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "timezone" TEXT NOT NULL DEFAULT 'UTC';

-- AlterTable
ALTER TABLE "Workflow" ADD COLUMN     "triggerKey" TEXT;

-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "scheduledAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "BufferedRun" (
    "runId" UUID NOT NULL,
    "workflowId" UUID NOT NULL,
    "connectedUserId" UUID NOT NULL,
    "scheduledAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "BufferedRun_pkey" PRIMARY KEY ("runId")
);

-- CreateTable
CREATE TABLE "Schedule" (
    "workflowId" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "versionId" UUID NOT NULL,
    "anchorAt" TIMESTAMPTZ(3) NOT NULL,
    "timezone" TEXT NOT NULL,
    "pausedAt" TIMESTAMPTZ(3),
    "pauseNote" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Schedule_pkey" PRIMARY KEY ("workflowId")
);

-- CreateTable
CREATE TABLE "ScheduleZone" (
    "workflowId" UUID NOT NULL,
    "timezone" TEXT NOT NULL,
    "nextTickAt" TIMESTAMPTZ(3),
    "lastTickAt" TIMESTAMPTZ(3),

    CONSTRAINT "ScheduleZone_pkey" PRIMARY KEY ("workflowId","timezone")
);

-- CreateTable
CREATE TABLE "ScheduleTick" (
    "id" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "workflowId" UUID NOT NULL,
    "versionId" UUID NOT NULL,
    "timezone" TEXT NOT NULL,
    "scheduledAt" TIMESTAMPTZ(3) NOT NULL,
    "outcome" "ScheduleTickOutcome" NOT NULL,
    "reason" TEXT NOT NULL,
    "runs" INTEGER NOT NULL DEFAULT 0,
    "overlapped" INTEGER NOT NULL DEFAULT 0,
    "processedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ScheduleTick_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BufferedRun_workflowId_connectedUserId_scheduledAt_idx" ON "BufferedRun"("workflowId", "connectedUserId", "scheduledAt");

-- CreateIndex
CREATE INDEX "Schedule_projectId_idx" ON "Schedule"("projectId");

-- CreateIndex
CREATE INDEX "ScheduleZone_nextTickAt_idx" ON "ScheduleZone"("nextTickAt");

-- CreateIndex
CREATE INDEX "ScheduleTick_projectId_workflowId_scheduledAt_idx" ON "ScheduleTick"("projectId", "workflowId", "scheduledAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "ScheduleTick_workflowId_timezone_scheduledAt_key" ON "ScheduleTick"("workflowId", "timezone", "scheduledAt");

-- CreateIndex
CREATE INDEX "Workflow_projectId_triggerType_triggerKey_idx" ON "Workflow"("projectId", "triggerType", "triggerKey");

-- AddForeignKey
ALTER TABLE "BufferedRun" ADD CONSTRAINT "BufferedRun_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Schedule" ADD CONSTRAINT "Schedule_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "Workflow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Schedule" ADD CONSTRAINT "Schedule_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "WorkflowVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScheduleZone" ADD CONSTRAINT "ScheduleZone_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "Schedule"("workflowId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScheduleTick" ADD CONSTRAINT "ScheduleTick_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "Workflow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Deployed App Event workflows listen by their App Event's id.
UPDATE "Workflow" SET "triggerKey" = "triggerAppEventId"::text WHERE "triggerType" = 'app_event' AND "triggerAppEventId" IS NOT NULL;

-- Each workflow, user and tick runs at most once, whichever process fires it. Partial: only scheduled runs are in
-- it, and it holds no column a run's execution updates, so those updates stay HOT. It also finds a user's latest
-- scheduled run of a workflow for the overlap policies.
CREATE UNIQUE INDEX "Run_workflowId_connectedUserId_scheduledAt_key" ON "Run" ("workflowId", "connectedUserId", "scheduledAt") WHERE "scheduledAt" IS NOT NULL;

-- Overlap policies buffer_one and buffer_all hold a scheduled run back (in "BufferedRun") while the same user's
-- previous run of the workflow is going. When that run ends, its oldest held-back successor joins the project's
-- wait list, and the slot the ended run frees (in the same statement) admits it, or a later one does.
CREATE FUNCTION switchyard_promote_buffered(project uuid, workflow uuid, app_user uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  WITH next AS (
    DELETE FROM "BufferedRun" b WHERE b."runId" = (
      SELECT x."runId" FROM "BufferedRun" x WHERE x."workflowId" = workflow AND x."connectedUserId" = app_user
      ORDER BY x."scheduledAt" LIMIT 1 FOR UPDATE SKIP LOCKED
    ) RETURNING b."runId"
  )
  INSERT INTO "ParkedRun" ("runId", "projectId", "createdAt")
  SELECT r."id", project, r."createdAt" FROM next JOIN "Run" r ON r."id" = next."runId";
END
$$;

CREATE OR REPLACE FUNCTION switchyard_end_runs(runs jsonb) RETURNS TABLE ("runId" uuid, "projectId" uuid, "kind" text, "resumeAt" timestamptz) LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  r record;
  released uuid[] := '{}';
  p record;
  ended record;
BEGIN
  -- Without waiting for the WAL flush: the project's slot row stays locked until this commits, and every run
  -- end of the project queues behind that lock, so a flush inside it would bound the project's throughput by the
  -- disk. Durability is kept where it matters: the queue completes a run's job in a synchronous commit after this
  -- one, which flushes it too; lost in a PostgreSQL crash before that, the run is still running with its job,
  -- and it resumes from its durable records (a Request recorded as started shows as interrupted and is sent again
  -- with its Idempotency-Key).
  PERFORM set_config('synchronous_commit', 'off', true);
  FOR r IN SELECT x.* FROM jsonb_to_recordset(runs) AS x("runId" uuid, "projectId" uuid, "lease" bigint, "status" text, "output" jsonb, "error" jsonb, "resumeAt" timestamptz) ORDER BY x."runId" LOOP
    "runId" := r."runId"; "projectId" := r."projectId"; "kind" := 'owned'; "resumeAt" := NULL;
    IF r."status" <> 'stopped' THEN
      -- A running run holds a slot (its claim gave it one; only stopping it takes it away, with its status).
      UPDATE "Run" SET "status" = r."status"::"RunStatus", "output" = r."output", "error" = r."error", "resumeAt" = r."resumeAt",
        "finishedAt" = CASE WHEN r."status" = 'waiting' THEN NULL ELSE now() END, "holdsSlot" = false, "updatedAt" = now()
      WHERE "id" = r."runId" AND "projectId"::text = r."projectId"::text AND "lease" = r."lease" AND "status" = 'running'
      RETURNING "workflowId", "connectedUserId", "scheduledAt" INTO ended;
      IF FOUND THEN
        IF ended."scheduledAt" IS NOT NULL AND r."status" <> 'waiting' THEN
          PERFORM switchyard_promote_buffered(r."projectId", ended."workflowId", ended."connectedUserId");
        END IF;
        RETURN NEXT;
        IF r."status" IN ('waiting', 'failed') THEN
          "kind" := r."status"; "resumeAt" := r."resumeAt";
          RETURN NEXT;
        END IF;
        released := released || r."projectId";
        CONTINUE;
      END IF;
    END IF;
    -- Not running any more (cancelled meanwhile), or an end that changes nothing: still owned, its records are kept.
    PERFORM 1 FROM "Run" WHERE "id" = r."runId" AND "projectId"::text = r."projectId"::text AND "lease" = r."lease" FOR SHARE;
    IF FOUND THEN
      RETURN NEXT;
    END IF;
  END LOOP;
  FOR p IN SELECT x AS "projectId", count(*)::int AS n FROM unnest(released) AS x GROUP BY x ORDER BY x LOOP
    RETURN QUERY SELECT a, p."projectId", 'admitted'::text, NULL::timestamptz FROM switchyard_release_slots(p."projectId", p.n) AS a;
  END LOOP;
END
$$;

CREATE OR REPLACE FUNCTION switchyard_stop_run(run_id uuid, project uuid, stopped text, error jsonb) RETURNS TABLE ("runId" uuid, "projectId" uuid, "kind" text, "resumeAt" timestamptz) LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  held boolean;
  stopped_run record;
BEGIN
  SELECT "holdsSlot", "workflowId", "connectedUserId", "scheduledAt" INTO stopped_run FROM "Run" WHERE "id" = run_id AND "projectId"::text = project::text AND "status" IN ('queued', 'waiting', 'running') FOR UPDATE;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  held := stopped_run."holdsSlot";
  UPDATE "Run" SET "status" = stopped::"RunStatus", "error" = switchyard_stop_run.error, "finishedAt" = now(), "resumeAt" = NULL,
    "holdsSlot" = false, "parked" = false, "lease" = "lease" + CASE WHEN stopped = 'failed' THEN 1 ELSE 0 END, "updatedAt" = now()
  WHERE "id" = run_id;
  IF stopped = 'failed' THEN
    UPDATE "StepRun" SET "status" = 'interrupted', "finishedAt" = now() WHERE "runId" = run_id AND "status" = 'running';
  END IF;
  DELETE FROM "ParkedRun" WHERE "runId" = run_id;
  DELETE FROM "BufferedRun" WHERE "runId" = run_id;
  IF stopped_run."scheduledAt" IS NOT NULL THEN
    PERFORM switchyard_promote_buffered(project, stopped_run."workflowId", stopped_run."connectedUserId");
  END IF;
  PERFORM graphile_worker.remove_job('run:' || run_id::text);
  "runId" := run_id; "projectId" := project; "kind" := stopped; "resumeAt" := NULL;
  RETURN NEXT;
  -- Its slot, if it held one, and a promoted successor's place in the wait list: either may admit a parked run.
  RETURN QUERY SELECT a, project, 'admitted'::text, NULL::timestamptz FROM switchyard_release_slots(project, CASE WHEN held THEN 1 ELSE 0 END) AS a;
END
$$;

-- Only runs an event started are looked up by their event: the others (schedule ticks, manual and test runs,
-- replays) need no entry, which makes inserting them, 10,000 at a tick, cheaper.
DROP INDEX "Run_eventId_idx";
CREATE INDEX "Run_eventId_idx" ON "Run" ("eventId") WHERE "eventId" IS NOT NULL;
