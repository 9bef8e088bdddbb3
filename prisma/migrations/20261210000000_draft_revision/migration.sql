-- AlterTable
ALTER TABLE "journey" ADD COLUMN     "draft_revision" INTEGER NOT NULL DEFAULT 0;
