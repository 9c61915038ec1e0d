-- How many times a send was cut off by the process ending (found in 'sending' at start-up). A message that
-- keeps ending the process is failed as poison after a few, instead of crashing every restart.
ALTER TABLE outbox ADD COLUMN interruptions INTEGER NOT NULL DEFAULT 0;
