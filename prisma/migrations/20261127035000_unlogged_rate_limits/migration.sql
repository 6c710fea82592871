-- Rate-limit counters need no crash safety, and as a logged table every counted request waited for a WAL
-- flush while holding the counter row's lock, serialising all requests of a project behind the disk.
ALTER TABLE "RateLimitWindow" SET UNLOGGED;
