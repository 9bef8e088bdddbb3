-- AlterTable
ALTER TABLE "workspace" ADD COLUMN     "settings" JSONB NOT NULL DEFAULT '{}';

