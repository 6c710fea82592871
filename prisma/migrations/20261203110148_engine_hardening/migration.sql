-- AlterEnum
ALTER TYPE "StepRunStatus" ADD VALUE 'interrupted';

-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "holdsSlot" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "lease" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "parked" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "StepRun" ADD COLUMN     "retryAttempt" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "ParkedRun" (
    "runId" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ParkedRun_pkey" PRIMARY KEY ("runId")
);

-- CreateTable
CREATE TABLE "ProjectRunSlots" (
    "projectId" UUID NOT NULL,
    "used" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ProjectRunSlots_pkey" PRIMARY KEY ("projectId")
);

-- CreateIndex
CREATE INDEX "ParkedRun_projectId_createdAt_runId_idx" ON "ParkedRun"("projectId", "createdAt", "runId");

-- AddForeignKey
ALTER TABLE "ParkedRun" ADD CONSTRAINT "ParkedRun_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectRunSlots" ADD CONSTRAINT "ProjectRunSlots_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Records written before this migration: each attempt was its own retry attempt.
UPDATE "StepRun" SET "retryAttempt" = "attempt" WHERE "retryAttempt" <> "attempt";

-- Runs executing during the upgrade hold a slot under the new accounting; queued runs take one at their claim.
UPDATE "Run" SET "holdsSlot" = true WHERE "status" = 'running';
INSERT INTO "ProjectRunSlots" ("projectId", "used") SELECT "projectId", count(*) FROM "Run" WHERE "holdsSlot" GROUP BY "projectId";

-- No index holds "parked", "holdsSlot" or "lease", so a run's updates by the engine (claim, end, admission) stay
-- HOT. The wait list's order lives in "ParkedRun". Run rows are updated often and mostly by HOT updates; a
-- Request's attempt is first recorded as started and then finished in place, which room on the page keeps HOT.
ALTER TABLE "StepRun" SET (fillfactor = 80);

-- ---------------------------------------------------------------------------------------------------------
-- Concurrency slots (lib/runs/run-claims.ts explains the model). Every change of Run."holdsSlot" happens under
-- the lock of the project's ProjectRunSlots row, which is taken after any Run row lock the same transaction
-- takes, and for several projects in project order: so no two of these transactions can deadlock.
-- Replaces the advisory-lock slots (switchyard_try_run_slot_excluding): their 32-bit hashtext keys could
-- collide across projects, and a run that found no slot was polled every second.
-- ---------------------------------------------------------------------------------------------------------

DROP FUNCTION switchyard_claim_runs(uuid[], jsonb, jsonb);
DROP FUNCTION switchyard_try_run_slot_excluding(text, int, int[]);
DROP FUNCTION switchyard_finish_succeeded_runs(jsonb);
DROP FUNCTION switchyard_claim_candidate(uuid);

-- Locks the project's slot row (creating it on first use) and answers how many slots are free: its limit less
-- the slots in use, below 0 when the limit was lowered under what is running.
CREATE FUNCTION switchyard_lock_slots(project uuid) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  free int;
BEGIN
  SELECT p."concurrencyLimit" - s."used" INTO free
  FROM "ProjectRunSlots" s JOIN "Project" p ON p."id" = s."projectId"
  WHERE s."projectId" = project FOR UPDATE OF s;
  IF NOT FOUND THEN
    INSERT INTO "ProjectRunSlots" ("projectId") VALUES (project) ON CONFLICT DO NOTHING;
    SELECT p."concurrencyLimit" - s."used" INTO free
    FROM "ProjectRunSlots" s JOIN "Project" p ON p."id" = s."projectId"
    WHERE s."projectId" = project FOR UPDATE OF s;
  END IF;
  RETURN COALESCE(free, 0);
END
$$;

-- For dispatch: admits up to `wanted` new runs of the project (the first ones of the statement that calls it,
-- which marks them "holdsSlot" and queues their jobs; it parks the rest). None while older runs are parked,
-- so that a project's runs start oldest first. Returns how many were admitted; their slots are counted.
CREATE FUNCTION switchyard_admit_runs(project uuid, wanted int) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  admitted int;
BEGIN
  admitted := LEAST(wanted, GREATEST(switchyard_lock_slots(project), 0));
  IF admitted > 0 AND EXISTS (SELECT 1 FROM "ParkedRun" p WHERE p."projectId" = project) THEN
    admitted := 0;
  END IF;
  IF admitted > 0 THEN
    UPDATE "ProjectRunSlots" SET "used" = "used" + admitted WHERE "projectId" = project;
  END IF;
  RETURN admitted;
END
$$;

-- Frees `released` slots of the project and admits as many of its parked runs as now fit, oldest first: they
-- hold a slot from here and are no longer parked. Returns the admitted runs; the caller queues their jobs in
-- the same statement (job specs are built in one place, lib/jobs/job-specs.ts).
CREATE FUNCTION switchyard_release_slots(project uuid, released int) RETURNS SETOF uuid LANGUAGE plpgsql AS $$
DECLARE
  free int := switchyard_lock_slots(project) + released;
  admitted uuid[];
  run_id uuid;
BEGIN
  IF free > 0 THEN
    -- A fresh snapshot (this function is volatile): runs parked by transactions that held this lock before are seen.
    WITH next AS (
      DELETE FROM "ParkedRun" w WHERE w."runId" IN (
        SELECT p."runId" FROM "ParkedRun" p WHERE p."projectId" = project ORDER BY p."createdAt", p."runId" LIMIT free FOR UPDATE SKIP LOCKED
      ) RETURNING w."runId"
    )
    SELECT array_agg("runId") INTO admitted FROM next;
    -- One key lookup each: a generic plan of "id" = ANY (…) was made for a small table and scanned it.
    FOREACH run_id IN ARRAY COALESCE(admitted, '{}') LOOP
      UPDATE "Run" SET "parked" = false, "holdsSlot" = true, "updatedAt" = now() WHERE "id" = run_id;
    END LOOP;
  END IF;
  IF released > 0 OR admitted IS NOT NULL THEN
    UPDATE "ProjectRunSlots" SET "used" = GREATEST("used" - released, 0) + COALESCE(cardinality(admitted), 0) WHERE "projectId" = project;
  END IF;
  RETURN QUERY SELECT unnest(admitted);
END
$$;

-- The run a job is about to execute, with what its execution needs, if it can execute (queued, waiting, or
-- running again after its worker was lost). Every lookup is by key: the project checks compare as text, so
-- that they stay filters and never become index conditions (see sameProjectSql in lib/db/sql.ts).
-- test/engine/run-statement-plans.test.ts checks its plan on empty tables.
CREATE FUNCTION switchyard_claim_candidate(run_id uuid)
RETURNS TABLE ("id" uuid, "projectId" uuid, "workflowVersionId" uuid, "input" jsonb, "createdAt" timestamptz(3), "startedAt" timestamptz(3), "status" "RunStatus", "holdsSlot" boolean, "parked" boolean, "externalId" text, "metadata" jsonb, "settings" jsonb)
LANGUAGE sql STABLE AS $$
  SELECT r."id", r."projectId", r."workflowVersionId", r."input", r."createdAt", r."startedAt", r."status", r."holdsSlot", r."parked", u."externalId", u."metadata", a."settings"
  FROM "Run" r
  LEFT JOIN "ConnectedUser" u ON u."id" = r."connectedUserId" AND u."projectId"::text = r."projectId"::text
  LEFT JOIN "WorkflowActivation" a ON a."workflowId" = r."workflowId" AND a."connectedUserId" = r."connectedUserId" AND a."projectId"::text = r."projectId"::text
  WHERE r."id" = run_id AND r."status" IN ('queued', 'waiting', 'running')
$$;

-- Claims runs for execution, for a worker's batch of jobs (lib/runs/run-claims.ts). Each run that can execute
-- and holds a slot (or gets one now) is marked running under a new lease, its fencing token; a run whose
-- project has no free slot is parked (its job ends; a freed slot admits it). A run claimed while "running" was
-- left by a worker that is gone or lost it: the attempts that worker had started and not finished are marked
-- interrupted, so Task History shows them beside the attempts that run them again.
-- Two phases, for the lock order above: first every run's row (in key order), then slots, project by project.
-- Rows: "outcome" 'started' (with "lease") or 'parked'. Marking runs running commits without waiting for the
-- WAL flush (see lib/runs/advance-run.ts): the next synchronous commit, at the latest the record written before
-- a Request is sent, flushes it.
CREATE FUNCTION switchyard_claim_runs(run_ids uuid[])
RETURNS TABLE ("id" uuid, "projectId" uuid, "workflowVersionId" uuid, "input" jsonb, "startedAt" timestamptz(3), "externalId" text, "metadata" jsonb, "settings" jsonb, "lease" bigint, "outcome" text)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  run_id uuid;
  c record;
  waiting_for_slot jsonb := '[]'::jsonb;
  s record;
  started boolean;
BEGIN
  PERFORM set_config('synchronous_commit', 'off', true);
  FOR run_id IN SELECT DISTINCT x FROM unnest(run_ids) AS x ORDER BY 1 LOOP
    SELECT * INTO c FROM switchyard_claim_candidate(run_id);
    -- Gone, finished, cancelled; or parked, with a job left from before it was parked: it waits for a slot.
    CONTINUE WHEN NOT FOUND OR c."parked";
    IF NOT c."holdsSlot" THEN
      -- Resuming after a delay, or started outside dispatch: it needs a slot. Locked now, given one below.
      PERFORM 1 FROM "Run" r WHERE r."id" = c."id" AND r."projectId"::text = c."projectId"::text
        AND r."status" IN ('queued', 'waiting') AND NOT r."holdsSlot" AND NOT r."parked" FOR UPDATE;
      IF FOUND THEN
        waiting_for_slot := waiting_for_slot || jsonb_build_object('runId', c."id", 'projectId', c."projectId");
      END IF;
      CONTINUE;
    END IF;
    UPDATE "Run" SET "status" = 'running', "lease" = "Run"."lease" + 1, "resumeAt" = NULL, "startedAt" = COALESCE("Run"."startedAt", now()), "updatedAt" = now()
    WHERE "Run"."id" = c."id" AND "Run"."projectId"::text = c."projectId"::text AND "Run"."status" IN ('queued', 'waiting', 'running') AND "Run"."holdsSlot"
    RETURNING "Run"."lease" INTO "lease";
    CONTINUE WHEN NOT FOUND;
    IF c."status" = 'running' THEN
      UPDATE "StepRun" SET "status" = 'interrupted', "finishedAt" = now(),
        "error" = '{"code":"worker_lost","message":"The worker executing this attempt stopped or lost the run before the attempt finished; it ran again","retryable":true}'::jsonb
      WHERE "runId" = c."id" AND "status" = 'running';
    END IF;
    "id" := c."id"; "projectId" := c."projectId"; "workflowVersionId" := c."workflowVersionId"; "input" := c."input";
    "startedAt" := c."startedAt"; "externalId" := c."externalId"; "metadata" := c."metadata"; "settings" := c."settings";
    "outcome" := 'started';
    RETURN NEXT;
  END LOOP;

  FOR s IN SELECT x."runId", x."projectId" FROM jsonb_to_recordset(waiting_for_slot) AS x("runId" uuid, "projectId" uuid) ORDER BY x."projectId", x."runId" LOOP
    started := switchyard_lock_slots(s."projectId") > 0;
    SELECT * INTO c FROM switchyard_claim_candidate(s."runId");
    IF started THEN
      UPDATE "ProjectRunSlots" SET "used" = "used" + 1 WHERE "projectId" = s."projectId";
      UPDATE "Run" SET "status" = 'running', "holdsSlot" = true, "lease" = "Run"."lease" + 1, "resumeAt" = NULL, "startedAt" = COALESCE("Run"."startedAt", now()), "updatedAt" = now()
      WHERE "Run"."id" = s."runId" RETURNING "Run"."lease" INTO "lease";
      "outcome" := 'started';
    ELSE
      UPDATE "Run" SET "parked" = true, "updatedAt" = now() WHERE "Run"."id" = s."runId";
      INSERT INTO "ParkedRun" ("runId", "projectId", "createdAt") VALUES (s."runId", s."projectId", c."createdAt");
      "lease" := NULL;
      "outcome" := 'parked';
    END IF;
    "id" := c."id"; "projectId" := c."projectId"; "workflowVersionId" := c."workflowVersionId"; "input" := c."input";
    "startedAt" := c."startedAt"; "externalId" := c."externalId"; "metadata" := c."metadata"; "settings" := c."settings";
    RETURN NEXT;
  END LOOP;
END
$$;

-- The runs of `runs` ([{runId, projectId, lease}]) whose lease still matches, each locked FOR SHARE until the
-- calling statement commits: a claim that would take one over waits for that commit. The statement that
-- writes step records writes only the records of these runs (lib/runs/run-write-batches.ts).
CREATE FUNCTION switchyard_own_runs(runs jsonb) RETURNS SETOF uuid LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT x."runId", x."projectId", x."lease" FROM jsonb_to_recordset(runs) AS x("runId" uuid, "projectId" uuid, "lease" bigint) ORDER BY x."runId" LOOP
    PERFORM 1 FROM "Run" WHERE "id" = r."runId" AND "projectId"::text = r."projectId"::text AND "lease" = r."lease" FOR SHARE;
    IF FOUND THEN
      RETURN NEXT r."runId";
    END IF;
  END LOOP;
END
$$;

-- Ends executions ([{runId, projectId, lease, status, output, error, resumeAt}], status 'succeeded', 'failed',
-- 'waiting', or 'stopped' for an execution that ends without changing the run, as when it was cancelled), for
-- the statement that also writes their last step records and queues their jobs (lib/runs/run-write-batches.ts).
-- Only a run whose lease still matches is touched. Its slot is freed, and the project's parked runs that now fit
-- are admitted. Rows ("runId", "kind"): 'owned' for each run still owned (write its records), 'waiting' and
-- 'failed' for the runs that end so (queue the resume job at "resumeAt", or the failure notifications),
-- 'admitted' for each parked run admitted (queue its job).
CREATE FUNCTION switchyard_end_runs(runs jsonb) RETURNS TABLE ("runId" uuid, "projectId" uuid, "kind" text, "resumeAt" timestamptz) LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  r record;
  released uuid[] := '{}';
  p record;
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
      WHERE "id" = r."runId" AND "projectId"::text = r."projectId"::text AND "lease" = r."lease" AND "status" = 'running';
      IF FOUND THEN
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

-- Stops a queued, waiting or running run, whoever holds it, as `stopped` says: 'cancelled' (by a builder: an
-- execution in flight keeps its lease, so the step it is running is still recorded, and it stops before its next
-- step), or 'failed' with `error` (it cannot go on: its job used up its attempts, it lost its job; its lease
-- moves on, so an execution still in flight is fenced off, and the attempts it had started are interrupted).
-- Either way its slot is freed at once, it leaves the wait list if parked, and its pending job is removed. Rows
-- as switchyard_end_runs: `stopped` if it stopped now, 'admitted' for the parked runs its slot admits.
CREATE FUNCTION switchyard_stop_run(run_id uuid, project uuid, stopped text, error jsonb) RETURNS TABLE ("runId" uuid, "projectId" uuid, "kind" text, "resumeAt" timestamptz) LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  held boolean;
BEGIN
  SELECT "holdsSlot" INTO held FROM "Run" WHERE "id" = run_id AND "projectId"::text = project::text AND "status" IN ('queued', 'waiting', 'running') FOR UPDATE;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  UPDATE "Run" SET "status" = stopped::"RunStatus", "error" = switchyard_stop_run.error, "finishedAt" = now(), "resumeAt" = NULL,
    "holdsSlot" = false, "parked" = false, "lease" = "lease" + CASE WHEN stopped = 'failed' THEN 1 ELSE 0 END, "updatedAt" = now()
  WHERE "id" = run_id;
  IF stopped = 'failed' THEN
    UPDATE "StepRun" SET "status" = 'interrupted', "finishedAt" = now() WHERE "runId" = run_id AND "status" = 'running';
  END IF;
  DELETE FROM "ParkedRun" WHERE "runId" = run_id;
  PERFORM graphile_worker.remove_job('run:' || run_id::text);
  "runId" := run_id; "projectId" := project; "kind" := stopped; "resumeAt" := NULL;
  RETURN NEXT;
  IF held THEN
    RETURN QUERY SELECT a, project, 'admitted'::text, NULL::timestamptz FROM switchyard_release_slots(project, 1) AS a;
  END IF;
END
$$;

-- Counts the project's slots afresh from its runs (the maintenance sweep, when the count and the runs
-- disagree), then admits the parked runs that fit. Under the slot row's lock, with a fresh snapshot: a
-- transaction that changed a run's "holdsSlot" and waits for the lock applies its own change to the count after.
CREATE FUNCTION switchyard_recount_slots(project uuid) RETURNS SETOF uuid LANGUAGE plpgsql AS $$
BEGIN
  PERFORM switchyard_lock_slots(project);
  UPDATE "ProjectRunSlots" SET "used" = (SELECT count(*) FROM "Run" r WHERE r."projectId" = project AND r."holdsSlot")
  WHERE "projectId" = project;
  RETURN QUERY SELECT * FROM switchyard_release_slots(project, 0);
END
$$;

