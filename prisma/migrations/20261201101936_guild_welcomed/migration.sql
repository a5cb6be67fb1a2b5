-- AlterTable
ALTER TABLE "GuildSettings" ADD COLUMN "welcomedAt" DATETIME;
