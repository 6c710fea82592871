-- Marks many runs succeeded in one statement (lib/runs/run-write-batches.ts). A loop of key lookups rather
-- than one UPDATE … FROM the list: planned generically on small tables, that join scanned all of "Run"
-- (a hash join over a sequential scan, or the whole primary key), and a generic plan, once made, serves the
-- connection until the statistics change. Each UPDATE here finds its run by primary key; the project check
-- compares as text so that it stays a filter and never becomes an index condition.
CREATE FUNCTION switchyard_finish_succeeded_runs(runs jsonb) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  run record;
  finished int := 0;
BEGIN
  -- In key order, so that two batches touching the same runs (never expected: a run executes in one job)
  -- could not deadlock.
  FOR run IN SELECT r."runId", r."projectId", r."output" FROM jsonb_to_recordset(runs) AS r("runId" uuid, "projectId" uuid, "output" jsonb) ORDER BY r."runId" LOOP
    UPDATE "Run" SET "status" = 'succeeded', "finishedAt" = now(), "output" = run."output", "updatedAt" = now()
    WHERE "id" = run."runId" AND "projectId"::text = run."projectId"::text AND "status" = 'running';
    IF FOUND THEN
      finished := finished + 1;
    END IF;
  END LOOP;
  RETURN finished;
END
$$;
