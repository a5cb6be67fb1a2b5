-- CreateTable
CREATE TABLE "JobLease" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_MilestoneAnnouncement" (
    "guildId" TEXT NOT NULL,
    "threshold" INTEGER NOT NULL,
    "posted" BOOLEAN NOT NULL,
    "messageId" TEXT,
    "total" INTEGER NOT NULL,
    "recordedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "state" TEXT NOT NULL DEFAULT 'done',
    "nonce" TEXT,
    "channelId" TEXT,

    PRIMARY KEY ("guildId", "threshold"),
    CONSTRAINT "MilestoneAnnouncement_guildId_fkey" FOREIGN KEY ("guildId") REFERENCES "GuildSettings" ("guildId") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_MilestoneAnnouncement" ("guildId", "messageId", "posted", "recordedAt", "threshold", "total") SELECT "guildId", "messageId", "posted", "recordedAt", "threshold", "total" FROM "MilestoneAnnouncement";
DROP TABLE "MilestoneAnnouncement";
ALTER TABLE "new_MilestoneAnnouncement" RENAME TO "MilestoneAnnouncement";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- The milestone job's lease, never held yet: taken with one conditional UPDATE (src/db/lease.ts).
INSERT INTO "JobLease" ("name", "holder", "expiresAt") VALUES ('milestones', '', 0);
