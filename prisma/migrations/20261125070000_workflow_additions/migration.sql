-- AlterTable
ALTER TABLE "Workflow" ADD COLUMN     "enrollAfterEventId" BIGINT NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "WebhookAllowedHost" (
    "host" TEXT NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookAllowedHost_pkey" PRIMARY KEY ("host")
);

