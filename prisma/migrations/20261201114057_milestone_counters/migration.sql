-- CreateTable
CREATE TABLE "Counter" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "value" BIGINT NOT NULL
);

-- Kept by triggers, written by no code (see the model). A later migration that redefines Signature, GuildSettings or
-- MilestoneAnnouncement (SQLite's "RedefineTables") drops their triggers: recreate them there
-- (test/db/counters.test.ts checks they are in place after every migration).
INSERT INTO "Counter" ("name", "value") VALUES ('signatures', (SELECT COUNT(*) FROM "Signature")), ('milestoneInputs', 0);

CREATE TRIGGER "Signature_counted_insert" AFTER INSERT ON "Signature"
BEGIN UPDATE "Counter" SET "value" = "value" + 1 WHERE "name" = 'signatures'; END;
CREATE TRIGGER "Signature_counted_delete" AFTER DELETE ON "Signature"
BEGIN UPDATE "Counter" SET "value" = "value" - 1 WHERE "name" = 'signatures'; END;

CREATE TRIGGER "GuildSettings_inputs_insert" AFTER INSERT ON "GuildSettings"
BEGIN UPDATE "Counter" SET "value" = "value" + 1 WHERE "name" = 'milestoneInputs'; END;
CREATE TRIGGER "GuildSettings_inputs_update" AFTER UPDATE ON "GuildSettings"
BEGIN UPDATE "Counter" SET "value" = "value" + 1 WHERE "name" = 'milestoneInputs'; END;
CREATE TRIGGER "GuildSettings_inputs_delete" AFTER DELETE ON "GuildSettings"
BEGIN UPDATE "Counter" SET "value" = "value" + 1 WHERE "name" = 'milestoneInputs'; END;
CREATE TRIGGER "MilestoneAnnouncement_inputs_insert" AFTER INSERT ON "MilestoneAnnouncement"
BEGIN UPDATE "Counter" SET "value" = "value" + 1 WHERE "name" = 'milestoneInputs'; END;
CREATE TRIGGER "MilestoneAnnouncement_inputs_update" AFTER UPDATE ON "MilestoneAnnouncement"
BEGIN UPDATE "Counter" SET "value" = "value" + 1 WHERE "name" = 'milestoneInputs'; END;
CREATE TRIGGER "MilestoneAnnouncement_inputs_delete" AFTER DELETE ON "MilestoneAnnouncement"
BEGIN UPDATE "Counter" SET "value" = "value" + 1 WHERE "name" = 'milestoneInputs'; END;
