-- AlterTable
ALTER TABLE "score_recompute_run" ADD COLUMN     "completed_chunks" TEXT[] DEFAULT ARRAY[]::TEXT[];
