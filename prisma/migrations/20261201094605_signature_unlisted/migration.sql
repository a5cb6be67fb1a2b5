-- AlterTable (a column with a default: SQLite adds it in place, no table copy)
ALTER TABLE "Signature" ADD COLUMN "unlisted" BOOLEAN NOT NULL DEFAULT false;
