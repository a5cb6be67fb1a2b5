-- CreateTable
CREATE TABLE "Counter" (
    "name" TEXT NOT NULL,
    "value" BIGINT NOT NULL,

    CONSTRAINT "Counter_pkey" PRIMARY KEY ("name")
);

-- Kept by triggers, written by no code (see the model). Statement-level: one counter update per statement, however
-- many rows it wrote (a batched sign inserts up to 500). test/db/counters.test.ts checks them after every migration.
INSERT INTO "Counter" ("name", "value") VALUES ('signatures', (SELECT COUNT(*) FROM "Signature")), ('milestoneInputs', 0);

-- The function bodies are E-strings with \x3B for each semicolon: adapter-pg runs a migration script split at every
-- semicolon (dollar quotes included).
CREATE FUNCTION "signatures_inserted"() RETURNS trigger LANGUAGE plpgsql AS E'
DECLARE n bigint\x3B
BEGIN
    SELECT COUNT(*) INTO n FROM "new_rows"\x3B
    IF n > 0 THEN UPDATE "Counter" SET "value" = "value" + n WHERE "name" = ''signatures''\x3B END IF\x3B
    RETURN NULL\x3B
END';
CREATE FUNCTION "signatures_deleted"() RETURNS trigger LANGUAGE plpgsql AS E'
DECLARE n bigint\x3B
BEGIN
    SELECT COUNT(*) INTO n FROM "old_rows"\x3B
    IF n > 0 THEN UPDATE "Counter" SET "value" = "value" - n WHERE "name" = ''signatures''\x3B END IF\x3B
    RETURN NULL\x3B
END';
CREATE FUNCTION "milestone_inputs_changed"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
    UPDATE "Counter" SET "value" = "value" + 1 WHERE "name" = ''milestoneInputs''\x3B
    RETURN NULL\x3B
END';

CREATE TRIGGER "Signature_counted_insert" AFTER INSERT ON "Signature"
    REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "signatures_inserted"();
CREATE TRIGGER "Signature_counted_delete" AFTER DELETE ON "Signature"
    REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "signatures_deleted"();
CREATE TRIGGER "GuildSettings_inputs" AFTER INSERT OR UPDATE OR DELETE ON "GuildSettings"
    FOR EACH STATEMENT EXECUTE FUNCTION "milestone_inputs_changed"();
CREATE TRIGGER "MilestoneAnnouncement_inputs" AFTER INSERT OR UPDATE OR DELETE ON "MilestoneAnnouncement"
    FOR EACH STATEMENT EXECUTE FUNCTION "milestone_inputs_changed"();
