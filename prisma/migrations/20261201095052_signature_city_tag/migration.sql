-- AlterTable
ALTER TABLE "Signature" ADD COLUMN "cityTag" TEXT;

-- CreateIndex
CREATE INDEX "Signature_cityTag_idx" ON "Signature"("cityTag");
