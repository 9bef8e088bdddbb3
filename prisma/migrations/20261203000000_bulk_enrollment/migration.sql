-- CreateEnum
CREATE TYPE "bulk_enrollment_status" AS ENUM ('running', 'completed', 'failed', 'cancelled');

-- CreateTable
CREATE TABLE "bulk_enrollment_run" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "journey_id" UUID NOT NULL,
    "segment_id" UUID,
    "trigger" TEXT NOT NULL,
    "audience" JSONB NOT NULL,
    "entry_key" TEXT,
    "workflow_id" TEXT NOT NULL,
    "status" "bulk_enrollment_status" NOT NULL DEFAULT 'running',
    "rate_per_second" INTEGER NOT NULL,
    "total_contacts" INTEGER NOT NULL DEFAULT 0,
    "enrolled" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "cursor" UUID,
    "error" TEXT,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "bulk_enrollment_run_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "bulk_enrollment_run_journey_id_started_at_idx" ON "bulk_enrollment_run"("journey_id", "started_at");

-- CreateIndex
CREATE INDEX "bulk_enrollment_run_workflow_id_idx" ON "bulk_enrollment_run"("workflow_id");

-- AddForeignKey
ALTER TABLE "bulk_enrollment_run" ADD CONSTRAINT "bulk_enrollment_run_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bulk_enrollment_run" ADD CONSTRAINT "bulk_enrollment_run_journey_id_fkey" FOREIGN KEY ("journey_id") REFERENCES "journey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bulk_enrollment_run" ADD CONSTRAINT "bulk_enrollment_run_segment_id_fkey" FOREIGN KEY ("segment_id") REFERENCES "segment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

