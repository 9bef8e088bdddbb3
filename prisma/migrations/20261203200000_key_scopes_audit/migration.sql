-- CreateEnum
CREATE TYPE "api_key_scope" AS ENUM ('full', 'ingest', 'read');

-- AlterTable
ALTER TABLE "api_key" ADD COLUMN     "created_by" TEXT,
ADD COLUMN     "scope" "api_key_scope" NOT NULL DEFAULT 'full';

-- CreateTable
CREATE TABLE "audit_entry" (
    "id" BIGSERIAL NOT NULL,
    "workspace_id" UUID,
    "actor_type" TEXT NOT NULL,
    "actor_id" TEXT,
    "action" TEXT NOT NULL,
    "target_type" TEXT,
    "target_id" TEXT,
    "summary" JSONB NOT NULL DEFAULT '{}',
    "request_id" TEXT,
    "client_address" TEXT,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_entry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "audit_entry_workspace_id_occurred_at_idx" ON "audit_entry"("workspace_id", "occurred_at");

-- CreateIndex
CREATE INDEX "audit_entry_workspace_id_action_occurred_at_idx" ON "audit_entry"("workspace_id", "action", "occurred_at");

-- CreateIndex
CREATE INDEX "audit_entry_workspace_id_target_type_target_id_idx" ON "audit_entry"("workspace_id", "target_type", "target_id");

