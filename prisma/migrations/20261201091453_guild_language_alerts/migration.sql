-- AlterTable
ALTER TABLE "GuildSettings" ADD COLUMN "alertChannelId" TEXT;
ALTER TABLE "GuildSettings" ADD COLUMN "language" TEXT;
