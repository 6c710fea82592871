-- DropIndex
DROP INDEX "Run_projectId_status_idx";


-- Room on every page for a run's new row versions: with no index on the columns a run's execution changes,
-- marking it running and then finished are heap-only (HOT) updates when the page has space for them.
ALTER TABLE "Run" SET (fillfactor = 70);

-- Try the project's slots from a random one: from slot 0 every time, a busy project paid one lock attempt
-- per run already executing before finding a free slot.
CREATE OR REPLACE FUNCTION switchyard_try_run_slot(slot_key text, slots int) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  first int := floor(random() * slots)::int;
  slot int;
BEGIN
  FOR i IN 0..slots - 1 LOOP
    slot := (first + i) % slots;
    IF pg_try_advisory_lock(hashtext(slot_key), slot) THEN
      RETURN slot;
    END IF;
  END LOOP;
  RETURN NULL;
END
$$;
