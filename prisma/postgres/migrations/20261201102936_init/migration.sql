-- CreateTable
CREATE TABLE "Signature" (
    "signerKey" TEXT NOT NULL,
    "guildId" TEXT NOT NULL,
    "artistName" TEXT,
    "city" TEXT,
    "public" BOOLEAN NOT NULL DEFAULT false,
    "signedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "unlisted" BOOLEAN NOT NULL DEFAULT false,
    "cityTag" TEXT,

    CONSTRAINT "Signature_pkey" PRIMARY KEY ("signerKey")
);

-- CreateTable
CREATE TABLE "GuildSettings" (
    "guildId" TEXT NOT NULL,
    "announcementChannelId" TEXT,
    "announcementChannelError" TEXT,
    "moderationChannelId" TEXT,
    "moderatorRoleId" TEXT,
    "milestoneThresholds" TEXT,
    "language" TEXT,
    "alertChannelId" TEXT,
    "guildLocale" TEXT,
    "welcomedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GuildSettings_pkey" PRIMARY KEY ("guildId")
);

-- CreateTable
CREATE TABLE "MilestoneAnnouncement" (
    "guildId" TEXT NOT NULL,
    "threshold" INTEGER NOT NULL,
    "posted" BOOLEAN NOT NULL,
    "messageId" TEXT,
    "total" INTEGER NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "state" TEXT NOT NULL DEFAULT 'done',
    "nonce" TEXT,
    "channelId" TEXT,

    CONSTRAINT "MilestoneAnnouncement_pkey" PRIMARY KEY ("guildId","threshold")
);

-- CreateTable
CREATE TABLE "GigFlag" (
    "id" SERIAL NOT NULL,
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
    "reviewedAt" TIMESTAMP(3),
    "reason" TEXT,
    "queueChannelId" TEXT,
    "queueMessageId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GigFlag_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GigReport" (
    "flagId" INTEGER NOT NULL,
    "reporterKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GigReport_pkey" PRIMARY KEY ("flagId","reporterKey")
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" SERIAL NOT NULL,
    "guildId" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Meta" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "Meta_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "JobLease" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JobLease_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "Signature_public_signedAt_idx" ON "Signature"("public", "signedAt");

-- CreateIndex
CREATE INDEX "Signature_guildId_idx" ON "Signature"("guildId");

-- CreateIndex
CREATE INDEX "Signature_signedAt_idx" ON "Signature"("signedAt");

-- CreateIndex
CREATE INDEX "Signature_cityTag_idx" ON "Signature"("cityTag");

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

-- AddForeignKey
ALTER TABLE "MilestoneAnnouncement" ADD CONSTRAINT "MilestoneAnnouncement_guildId_fkey" FOREIGN KEY ("guildId") REFERENCES "GuildSettings"("guildId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GigReport" ADD CONSTRAINT "GigReport_flagId_fkey" FOREIGN KEY ("flagId") REFERENCES "GigFlag"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The milestone job's lease, never held yet: taken with one conditional UPDATE (src/db/lease.ts).
INSERT INTO "JobLease" ("name", "holder", "expiresAt") VALUES ('milestones', '', to_timestamp(0));
