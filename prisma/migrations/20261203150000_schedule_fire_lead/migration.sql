-- How much earlier than FIRE_AHEAD_MS a zone stream's ticks are fired: the time its last tick took to fire (a
-- tick for 10,000 users takes about a second), so that its runs are committed by the tick.
ALTER TABLE "ScheduleZone" ADD COLUMN "fireLeadMs" INTEGER NOT NULL DEFAULT 0;
