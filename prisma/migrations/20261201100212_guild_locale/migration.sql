-- AlterTable
ALTER TABLE "GuildSettings" ADD COLUMN "guildLocale" TEXT;
