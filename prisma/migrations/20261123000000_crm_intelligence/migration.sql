-- CreateEnum
CREATE TYPE "journey_stage" AS ENUM ('awareness', 'consideration', 'purchase', 'retention', 'advocacy');

-- CreateEnum
CREATE TYPE "rfm_model" AS ENUM ('threshold', 'quintile');

-- CreateEnum
CREATE TYPE "lead_qualification" AS ENUM ('none', 'mql', 'sql');

-- CreateEnum
CREATE TYPE "health_level" AS ENUM ('excellent', 'good', 'fair', 'poor', 'critical');

-- CreateEnum
CREATE TYPE "recompute_status" AS ENUM ('running', 'completed', 'failed');

-- CreateEnum
CREATE TYPE "tier_basis" AS ENUM ('points', 'spend', 'purchases');

-- AlterEnum: the lifecycle moves from a sales funnel to customer stages derived from orders.
-- Old stages map to the nearest new one; the next score recompute re-derives every contact's.
CREATE TYPE "lifecycle_stage_new" AS ENUM ('prospect', 'new_customer', 'active', 'at_risk', 'inactive', 'churned', 'win_back', 'loyal', 'champion');
ALTER TABLE "contact" ALTER COLUMN "lifecycle_stage" DROP DEFAULT;
ALTER TABLE "contact" ALTER COLUMN "lifecycle_stage" TYPE "lifecycle_stage_new" USING (CASE "lifecycle_stage"::text WHEN 'subscriber' THEN 'prospect' WHEN 'lead' THEN 'prospect' WHEN 'qualified_lead' THEN 'prospect' WHEN 'opportunity' THEN 'prospect' WHEN 'customer' THEN 'new_customer' WHEN 'repeat_customer' THEN 'active' WHEN 'advocate' THEN 'champion' ELSE "lifecycle_stage"::text END)::"lifecycle_stage_new";
ALTER TABLE "lifecycle_stage_change" ALTER COLUMN "from_stage" TYPE "lifecycle_stage_new" USING (CASE "from_stage"::text WHEN 'subscriber' THEN 'prospect' WHEN 'lead' THEN 'prospect' WHEN 'qualified_lead' THEN 'prospect' WHEN 'opportunity' THEN 'prospect' WHEN 'customer' THEN 'new_customer' WHEN 'repeat_customer' THEN 'active' WHEN 'advocate' THEN 'champion' ELSE "from_stage"::text END)::"lifecycle_stage_new";
ALTER TABLE "lifecycle_stage_change" ALTER COLUMN "to_stage" TYPE "lifecycle_stage_new" USING (CASE "to_stage"::text WHEN 'subscriber' THEN 'prospect' WHEN 'lead' THEN 'prospect' WHEN 'qualified_lead' THEN 'prospect' WHEN 'opportunity' THEN 'prospect' WHEN 'customer' THEN 'new_customer' WHEN 'repeat_customer' THEN 'active' WHEN 'advocate' THEN 'champion' ELSE "to_stage"::text END)::"lifecycle_stage_new";
ALTER TYPE "lifecycle_stage" RENAME TO "lifecycle_stage_old";
ALTER TYPE "lifecycle_stage_new" RENAME TO "lifecycle_stage";
DROP TYPE "lifecycle_stage_old";
ALTER TABLE "contact" ALTER COLUMN "lifecycle_stage" SET DEFAULT 'prospect';

-- AlterTable
ALTER TABLE "workspace" ADD COLUMN     "currency" CHAR(3) NOT NULL DEFAULT 'USD';

-- AlterTable
ALTER TABLE "contact" ADD COLUMN     "journey_stage" "journey_stage" NOT NULL DEFAULT 'awareness',
ALTER COLUMN "lifecycle_stage" SET DEFAULT 'prospect';

-- AlterTable
ALTER TABLE "segment" ADD COLUMN     "depends_on" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "evaluated_at" TIMESTAMPTZ(3),
ADD COLUMN     "time_based" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "rfm_score" ADD COLUMN     "model" "rfm_model" NOT NULL DEFAULT 'threshold';

-- AlterTable
ALTER TABLE "clv_score" ADD COLUMN     "expected_order_value" DECIMAL(14,2),
ADD COLUMN     "expected_purchases" DOUBLE PRECISION,
ADD COLUMN     "horizon_days" INTEGER NOT NULL DEFAULT 365,
ADD COLUMN     "lifespan_days" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "order_count" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "probability_alive" DOUBLE PRECISION,
ADD COLUMN     "profit" DECIMAL(14,2) NOT NULL DEFAULT 0,
ADD COLUMN     "purchase_frequency" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "total_cost" DECIMAL(14,2) NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "lead_score" ADD COLUMN     "components" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "engagement_score" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "qualification" "lead_qualification" NOT NULL DEFAULT 'none';

-- AlterTable
ALTER TABLE "engagement_score" ADD COLUMN     "components" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "health_score" ADD COLUMN     "level" "health_level" NOT NULL DEFAULT 'fair';

-- AlterTable
ALTER TABLE "loyalty_program" ADD COLUMN     "tier_basis" "tier_basis" NOT NULL DEFAULT 'points',
ADD COLUMN     "tier_window_months" INTEGER NOT NULL DEFAULT 12;

-- AlterTable
ALTER TABLE "loyalty_tier" ADD COLUMN     "multiplier" DECIMAL(6,3) NOT NULL DEFAULT 1,
ADD COLUMN     "threshold" DECIMAL(14,2) NOT NULL DEFAULT 0;
-- Tiers were qualified by lifetime points: keep their thresholds.
UPDATE "loyalty_tier" SET "threshold" = "min_points";
ALTER TABLE "loyalty_tier" DROP COLUMN "min_points";



-- AlterTable
ALTER TABLE "loyalty_transaction" ADD COLUMN     "remaining" INTEGER;

-- Earned points still unspent: until now redemptions took from the balance, not from grants,
-- so the whole balance is attributed to the newest grants (the oldest are assumed spent).
UPDATE "loyalty_transaction" t SET "remaining" = GREATEST(0, LEAST(t."points", a."balance" - COALESCE((
  SELECT SUM(n."points") FROM "loyalty_transaction" n
  WHERE n."account_id" = t."account_id" AND n."type" = 'earned' AND (n."occurred_at", n."id") > (t."occurred_at", t."id")), 0)))
FROM "loyalty_account" a WHERE a."id" = t."account_id" AND t."type" = 'earned';

-- AlterTable
ALTER TABLE "loyalty_reward" ADD COLUMN     "stock" INTEGER,
ADD COLUMN     "valid_from" TIMESTAMPTZ(3),
ADD COLUMN     "valid_until" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "journey_stage_change" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "contact_id" UUID NOT NULL,
    "from_stage" "journey_stage",
    "to_stage" "journey_stage" NOT NULL,
    "reason" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "journey_stage_change_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "crm_model_state" (
    "workspace_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "parameters" JSONB NOT NULL,
    "sample_size" INTEGER NOT NULL,
    "computed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "crm_model_state_pkey" PRIMARY KEY ("workspace_id","kind")
);

-- CreateTable
CREATE TABLE "score_recompute_run" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "trigger" TEXT NOT NULL,
    "status" "recompute_status" NOT NULL DEFAULT 'running',
    "total_contacts" INTEGER NOT NULL DEFAULT 0,
    "processed_contacts" INTEGER NOT NULL DEFAULT 0,
    "cursor" UUID,
    "error" TEXT,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "score_recompute_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "loyalty_tier_change" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "from_tier_id" UUID,
    "to_tier_id" UUID,
    "reason" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "loyalty_tier_change_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "journey_stage_change_contact_id_occurred_at_idx" ON "journey_stage_change"("contact_id", "occurred_at");

-- CreateIndex
CREATE INDEX "score_recompute_run_workspace_id_started_at_idx" ON "score_recompute_run"("workspace_id", "started_at");

-- CreateIndex
CREATE INDEX "loyalty_tier_change_account_id_occurred_at_idx" ON "loyalty_tier_change"("account_id", "occurred_at");

-- CreateIndex
CREATE INDEX "segment_depends_on_idx" ON "segment" USING GIN ("depends_on");

-- CreateIndex
CREATE INDEX "loyalty_transaction_workspace_id_expires_at_idx" ON "loyalty_transaction"("workspace_id", "expires_at");

-- AddForeignKey
ALTER TABLE "journey_stage_change" ADD CONSTRAINT "journey_stage_change_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "journey_stage_change" ADD CONSTRAINT "journey_stage_change_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "crm_model_state" ADD CONSTRAINT "crm_model_state_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "score_recompute_run" ADD CONSTRAINT "score_recompute_run_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "loyalty_tier_change" ADD CONSTRAINT "loyalty_tier_change_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "loyalty_tier_change" ADD CONSTRAINT "loyalty_tier_change_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "loyalty_account"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Safe casts for segment criteria over free-form custom attributes: a value that is not a number
-- or a date compares as missing instead of failing the whole segment's query.
CREATE FUNCTION crm_try_numeric(value text) RETURNS numeric LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RETURN value::numeric;
EXCEPTION WHEN others THEN
  RETURN NULL;
END;
$$;

CREATE FUNCTION crm_try_timestamptz(value text) RETURNS timestamptz LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN value::timestamptz;
EXCEPTION WHEN others THEN
  RETURN NULL;
END;
$$;
