-- CreateEnum
CREATE TYPE "outbox_lane" AS ENUM ('live', 'bulk');

-- DropIndex
DROP INDEX "outbox_entry_dispatched_at_id_idx";

-- AlterTable
ALTER TABLE "outbox_entry" ADD COLUMN     "lane" "outbox_lane" NOT NULL DEFAULT 'live';

-- CreateIndex
CREATE INDEX "outbox_entry_lane_dispatched_at_id_idx" ON "outbox_entry"("lane", "dispatched_at", "id");

