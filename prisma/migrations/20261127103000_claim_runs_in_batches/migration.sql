-- Runs are claimed in batches through one connection per worker process, its slot session (lib/runs/run-slots.ts).

-- The run a job is about to execute, with what its execution needs, if it can execute (queued, waiting, or
-- running again after a crash). Every lookup is by key: the project checks compare as text, so that they stay
-- filters and never become index conditions (see sameProjectSql in lib/db/sql.ts). A single-SELECT SQL
-- function, so that callers get it inlined and planned as one query; test/engine/run-statement-plans.test.ts
-- checks that plan on empty tables.
CREATE FUNCTION switchyard_claim_candidate(run_id uuid)
RETURNS TABLE ("id" uuid, "projectId" uuid, "workflowVersionId" uuid, "input" jsonb, "startedAt" timestamptz(3), "concurrencyLimit" int, "externalId" text, "metadata" jsonb, "settings" jsonb)
LANGUAGE sql STABLE AS $$
  SELECT r."id", r."projectId", r."workflowVersionId", r."input", r."startedAt", p."concurrencyLimit", u."externalId", u."metadata", a."settings"
  FROM "Run" r
  JOIN "Project" p ON p."id" = r."projectId"
  LEFT JOIN "ConnectedUser" u ON u."id" = r."connectedUserId" AND u."projectId"::text = r."projectId"::text
  LEFT JOIN "WorkflowActivation" a ON a."workflowId" = r."workflowId" AND a."connectedUserId" = r."connectedUserId" AND a."projectId"::text = r."projectId"::text
  WHERE r."id" = run_id AND r."status" IN ('queued', 'waiting', 'running')
$$;

-- One of a project's slots not in `excluded`, from a random one, or NULL when none is free. It replaces
-- switchyard_try_run_slot, which could not tell a slot its own session held.
DROP FUNCTION switchyard_try_run_slot(text, int);

CREATE FUNCTION switchyard_try_run_slot_excluding(slot_key text, slots int, excluded int[]) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  first int := floor(random() * slots)::int;
  slot int;
BEGIN
  FOR i IN 0..slots - 1 LOOP
    slot := (first + i) % slots;
    CONTINUE WHEN slot = ANY (excluded);
    IF pg_try_advisory_lock(hashtext(slot_key), slot) THEN
      RETURN slot;
    END IF;
  END LOOP;
  RETURN NULL;
END
$$;

-- For a worker's slot session: frees the slots of runs that ended (`releases`: [{projectId, slot}]), then for
-- each run of `run_ids` that can execute, takes one of its project's slots and marks it running. A slot is a
-- session advisory lock (project key, slot number) of the calling session, so a worker that dies frees its
-- slots with its connection. Such locks are re-entrant: the slots this session already holds (`held`: project
-- id → slot numbers, as the worker knows them) and those taken earlier in this call are skipped.
-- One row per run that can execute: "slot" NULL when its project is at its limit; "started" false when it
-- was cancelled meanwhile (its slot is freed again at once).
-- Marking a run running commits without waiting for the WAL flush: see advanceRun in lib/runs/advance-run.ts.
CREATE FUNCTION switchyard_claim_runs(run_ids uuid[], held jsonb, releases jsonb)
RETURNS TABLE ("id" uuid, "projectId" uuid, "workflowVersionId" uuid, "input" jsonb, "startedAt" timestamptz(3), "externalId" text, "metadata" jsonb, "settings" jsonb, "slot" int, "started" boolean)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  run_id uuid;
  c record;
  taken jsonb := COALESCE(held, '{}'::jsonb);
BEGIN
  PERFORM pg_advisory_unlock(hashtext('run-slot:' || x."projectId"), x."slot")
  FROM jsonb_to_recordset(COALESCE(releases, '[]'::jsonb)) AS x("projectId" text, "slot" int);
  PERFORM set_config('synchronous_commit', 'off', true);
  FOREACH run_id IN ARRAY run_ids LOOP
    SELECT * INTO c FROM switchyard_claim_candidate(run_id);
    CONTINUE WHEN NOT FOUND;
    "id" := c."id";
    "projectId" := c."projectId";
    "workflowVersionId" := c."workflowVersionId";
    "input" := c."input";
    "startedAt" := c."startedAt";
    "externalId" := c."externalId";
    "metadata" := c."metadata";
    "settings" := c."settings";
    "slot" := switchyard_try_run_slot_excluding('run-slot:' || c."projectId"::text, c."concurrencyLimit",
      ARRAY(SELECT jsonb_array_elements_text(COALESCE(taken -> c."projectId"::text, '[]'::jsonb))::int));
    "started" := false;
    IF "slot" IS NOT NULL THEN
      UPDATE "Run" SET "status" = 'running', "resumeAt" = NULL, "startedAt" = COALESCE("Run"."startedAt", now()), "updatedAt" = now()
      WHERE "Run"."id" = c."id" AND "Run"."projectId"::text = c."projectId"::text AND "Run"."status" IN ('queued', 'waiting', 'running');
      "started" := FOUND;
      IF "started" THEN
        taken := jsonb_set(taken, ARRAY[c."projectId"::text], COALESCE(taken -> c."projectId"::text, '[]'::jsonb) || to_jsonb("slot"));
      ELSE
        PERFORM pg_advisory_unlock(hashtext('run-slot:' || c."projectId"::text), "slot");
      END IF;
    END IF;
    RETURN NEXT;
  END LOOP;
END
$$;
