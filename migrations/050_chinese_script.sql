-- Which characters a Chinese-speaking player writes (Simplified or Traditional), so the bot's answers,
-- written in Simplified, reach them in their own script.
ALTER TABLE players ADD COLUMN chinese_script TEXT NOT NULL DEFAULT 'simplified'
  CHECK (chinese_script IN ('simplified', 'traditional'));
