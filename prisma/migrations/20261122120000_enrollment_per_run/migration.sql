-- DropIndex
DROP INDEX "journey_enrollment_workflow_id_key";

-- AlterTable
ALTER TABLE "journey_enrollment" ADD COLUMN     "entry_key" TEXT,
ALTER COLUMN "run_id" SET NOT NULL;

-- AlterTable
ALTER TABLE "node_execution" ADD COLUMN     "step" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE UNIQUE INDEX "journey_enrollment_run_id_key" ON "journey_enrollment"("run_id");

-- CreateIndex
CREATE INDEX "journey_enrollment_journey_id_contact_id_started_at_idx" ON "journey_enrollment"("journey_id", "contact_id", "started_at");

-- CreateIndex
CREATE INDEX "journey_enrollment_workflow_id_idx" ON "journey_enrollment"("workflow_id");

