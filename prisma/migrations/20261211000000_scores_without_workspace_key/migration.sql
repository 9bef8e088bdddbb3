-- DropForeignKey
ALTER TABLE "rfm_score" DROP CONSTRAINT "rfm_score_workspace_id_fkey";

-- DropForeignKey
ALTER TABLE "clv_score" DROP CONSTRAINT "clv_score_workspace_id_fkey";

-- DropForeignKey
ALTER TABLE "lead_score" DROP CONSTRAINT "lead_score_workspace_id_fkey";

-- DropForeignKey
ALTER TABLE "churn_risk_score" DROP CONSTRAINT "churn_risk_score_workspace_id_fkey";

-- DropForeignKey
ALTER TABLE "engagement_score" DROP CONSTRAINT "engagement_score_workspace_id_fkey";

-- DropForeignKey
ALTER TABLE "health_score" DROP CONSTRAINT "health_score_workspace_id_fkey";

-- DropForeignKey
ALTER TABLE "lifecycle_stage_change" DROP CONSTRAINT "lifecycle_stage_change_workspace_id_fkey";

-- DropForeignKey
ALTER TABLE "journey_stage_change" DROP CONSTRAINT "journey_stage_change_workspace_id_fkey";

