-- CreateTable
CREATE TABLE "Signature" (
    "signerKey" TEXT NOT NULL PRIMARY KEY,
    "guildId" TEXT NOT NULL,
    "artistName" TEXT,
    "city" TEXT,
    "public" BOOLEAN NOT NULL DEFAULT false,
    "signedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "GuildSettings" (
    "guildId" TEXT NOT NULL PRIMARY KEY,
    "announcementChannelId" TEXT,
    "announcementChannelError" TEXT,
    "moderationChannelId" TEXT,
    "moderatorRoleId" TEXT,
    "milestoneThresholds" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "MilestoneAnnouncement" (
    "guildId" TEXT NOT NULL,
    "threshold" INTEGER NOT NULL,
    "posted" BOOLEAN NOT NULL,
    "messageId" TEXT,
    "total" INTEGER NOT NULL,
    "recordedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("guildId", "threshold"),
    CONSTRAINT "MilestoneAnnouncement_guildId_fkey" FOREIGN KEY ("guildId") REFERENCES "GuildSettings" ("guildId") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GigFlag" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "guildId" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "venue" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "connection" TEXT NOT NULL,
    "link" TEXT NOT NULL,
    "linkKey" TEXT NOT NULL,
    "eventKey" TEXT NOT NULL,
    "details" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "reviewedBy" TEXT,
    "reviewedAt" DATETIME,
    "reason" TEXT,
    "queueChannelId" TEXT,
    "queueMessageId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "GigReport" (
    "flagId" INTEGER NOT NULL,
    "reporterKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("flagId", "reporterKey"),
    CONSTRAINT "GigReport_flagId_fkey" FOREIGN KEY ("flagId") REFERENCES "GigFlag" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "guildId" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "Signature_public_signedAt_idx" ON "Signature"("public", "signedAt");

-- CreateIndex
CREATE INDEX "Signature_guildId_idx" ON "Signature"("guildId");

-- CreateIndex
CREATE INDEX "Signature_signedAt_idx" ON "Signature"("signedAt");

-- CreateIndex
CREATE INDEX "GigFlag_guildId_status_createdAt_idx" ON "GigFlag"("guildId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "GigFlag_guildId_status_date_idx" ON "GigFlag"("guildId", "status", "date");

-- CreateIndex
CREATE UNIQUE INDEX "GigFlag_guildId_linkKey_key" ON "GigFlag"("guildId", "linkKey");

-- CreateIndex
CREATE UNIQUE INDEX "GigFlag_guildId_eventKey_date_key" ON "GigFlag"("guildId", "eventKey", "date");

-- CreateIndex
CREATE INDEX "GigReport_reporterKey_createdAt_idx" ON "GigReport"("reporterKey", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEntry_guildId_createdAt_idx" ON "AuditEntry"("guildId", "createdAt");
