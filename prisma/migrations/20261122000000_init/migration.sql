-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "contact_type" AS ENUM ('retail', 'wholesale', 'distributor');

-- CreateEnum
CREATE TYPE "contact_status" AS ENUM ('active', 'inactive', 'vip', 'at_risk', 'lost');

-- CreateEnum
CREATE TYPE "lifecycle_stage" AS ENUM ('subscriber', 'lead', 'qualified_lead', 'opportunity', 'customer', 'repeat_customer', 'advocate', 'at_risk', 'churned');

-- CreateEnum
CREATE TYPE "channel" AS ENUM ('email', 'sms', 'push', 'whatsapp', 'webhook');

-- CreateEnum
CREATE TYPE "message_type" AS ENUM ('marketing', 'transactional');

-- CreateEnum
CREATE TYPE "consent_status" AS ENUM ('granted', 'withdrawn', 'pending');

-- CreateEnum
CREATE TYPE "suppression_reason" AS ENUM ('hard_bounce', 'complaint', 'unsubscribe', 'manual');

-- CreateEnum
CREATE TYPE "order_status" AS ENUM ('pending', 'paid', 'fulfilled', 'cancelled', 'refunded');

-- CreateEnum
CREATE TYPE "communication_direction" AS ENUM ('outbound', 'inbound');

-- CreateEnum
CREATE TYPE "communication_status" AS ENUM ('queued', 'sent', 'delivered', 'opened', 'clicked', 'bounced', 'failed', 'replied', 'suppressed');

-- CreateEnum
CREATE TYPE "segment_kind" AS ENUM ('static', 'dynamic');

-- CreateEnum
CREATE TYPE "membership_change_kind" AS ENUM ('entered', 'exited');

-- CreateEnum
CREATE TYPE "risk_band" AS ENUM ('low', 'medium', 'high');

-- CreateEnum
CREATE TYPE "score_model" AS ENUM ('lead', 'engagement', 'churn_risk', 'health');

-- CreateEnum
CREATE TYPE "loyalty_transaction_type" AS ENUM ('earned', 'redeemed', 'expired', 'adjusted');

-- CreateEnum
CREATE TYPE "redemption_status" AS ENUM ('pending', 'fulfilled', 'cancelled');

-- CreateEnum
CREATE TYPE "journey_status" AS ENUM ('draft', 'active', 'paused', 'archived');

-- CreateEnum
CREATE TYPE "enrollment_status" AS ENUM ('running', 'completed', 'exited', 'failed', 'cancelled');

-- CreateEnum
CREATE TYPE "node_execution_status" AS ENUM ('entered', 'completed', 'skipped', 'failed');

-- CreateTable
CREATE TABLE "workspace" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "workspace_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_key" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "key_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_key_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "contact" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "external_id" TEXT,
    "email" TEXT,
    "phone" TEXT,
    "first_name" TEXT,
    "last_name" TEXT,
    "company" TEXT,
    "type" "contact_type" NOT NULL DEFAULT 'retail',
    "source" TEXT,
    "status" "contact_status" NOT NULL DEFAULT 'active',
    "lifecycle_stage" "lifecycle_stage" NOT NULL DEFAULT 'subscriber',
    "timezone" TEXT,
    "locale" TEXT,
    "preferred_channel" "channel",
    "do_not_contact" BOOLEAN NOT NULL DEFAULT false,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3),

    CONSTRAINT "contact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "consent" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "contact_id" UUID NOT NULL,
    "channel" "channel" NOT NULL,
    "message_type" "message_type" NOT NULL,
    "status" "consent_status" NOT NULL,
    "source" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "consent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "consent_event" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "contact_id" UUID NOT NULL,
    "channel" "channel" NOT NULL,
    "message_type" "message_type" NOT NULL,
    "status" "consent_status" NOT NULL,
    "source" TEXT NOT NULL,
    "ip_address" TEXT,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "consent_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "suppression" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "channel" "channel" NOT NULL,
    "address" TEXT NOT NULL,
    "reason" "suppression_reason" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "suppression_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "order" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "contact_id" UUID NOT NULL,
    "external_id" TEXT,
    "status" "order_status" NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "amount" DECIMAL(14,2) NOT NULL,
    "cost" DECIMAL(14,2),
    "discount" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "placed_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "order_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "order_item" (
    "id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "sku" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "category" TEXT,
    "quantity" INTEGER NOT NULL,
    "unit_price" DECIMAL(14,2) NOT NULL,
    "unit_cost" DECIMAL(14,2),

    CONSTRAINT "order_item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "event" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "contact_id" UUID,
    "anonymous_id" TEXT,
    "name" TEXT NOT NULL,
    "properties" JSONB NOT NULL DEFAULT '{}',
    "channel" TEXT,
    "message_id" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "communication" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "contact_id" UUID NOT NULL,
    "channel" "channel" NOT NULL,
    "direction" "communication_direction" NOT NULL DEFAULT 'outbound',
    "message_type" "message_type" NOT NULL DEFAULT 'marketing',
    "status" "communication_status" NOT NULL,
    "to_address" TEXT,
    "subject" TEXT,
    "template_id" UUID,
    "journey_id" UUID,
    "journey_version_id" UUID,
    "enrollment_id" UUID,
    "node_id" TEXT,
    "provider" TEXT,
    "provider_message_id" TEXT,
    "idempotency_key" TEXT NOT NULL,
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "communication_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "communication_status_change" (
    "id" UUID NOT NULL,
    "communication_id" UUID NOT NULL,
    "status" "communication_status" NOT NULL,
    "detail" JSONB,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "communication_status_change_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "message_template" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "channel" "channel" NOT NULL,
    "subject" TEXT,
    "body" TEXT NOT NULL,
    "text_body" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "message_template_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "segment" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "kind" "segment_kind" NOT NULL,
    "criteria" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "segment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "segment_membership" (
    "segment_id" UUID NOT NULL,
    "contact_id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "entered_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "source" TEXT NOT NULL,

    CONSTRAINT "segment_membership_pkey" PRIMARY KEY ("segment_id","contact_id")
);

-- CreateTable
CREATE TABLE "segment_membership_change" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "segment_id" UUID NOT NULL,
    "contact_id" UUID NOT NULL,
    "change" "membership_change_kind" NOT NULL,
    "source" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "segment_membership_change_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rfm_score" (
    "contact_id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "recency" SMALLINT NOT NULL,
    "frequency" SMALLINT NOT NULL,
    "monetary" SMALLINT NOT NULL,
    "segment_label" TEXT NOT NULL,
    "days_since_last" INTEGER,
    "order_count" INTEGER NOT NULL,
    "total_spend" DECIMAL(14,2) NOT NULL,
    "computed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "rfm_score_pkey" PRIMARY KEY ("contact_id")
);

-- CreateTable
CREATE TABLE "clv_score" (
    "contact_id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "historical_value" DECIMAL(14,2) NOT NULL,
    "predicted_value" DECIMAL(14,2) NOT NULL,
    "average_order_value" DECIMAL(14,2) NOT NULL,
    "margin_rate" DOUBLE PRECISION,
    "currency" CHAR(3) NOT NULL,
    "computed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "clv_score_pkey" PRIMARY KEY ("contact_id")
);

-- CreateTable
CREATE TABLE "lead_score" (
    "contact_id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "score" INTEGER NOT NULL,
    "fit_score" INTEGER NOT NULL,
    "behaviour_score" INTEGER NOT NULL,
    "computed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "lead_score_pkey" PRIMARY KEY ("contact_id")
);

-- CreateTable
CREATE TABLE "churn_risk_score" (
    "contact_id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "probability" DOUBLE PRECISION NOT NULL,
    "band" "risk_band" NOT NULL,
    "factors" JSONB NOT NULL DEFAULT '{}',
    "computed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "churn_risk_score_pkey" PRIMARY KEY ("contact_id")
);

-- CreateTable
CREATE TABLE "engagement_score" (
    "contact_id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "score" INTEGER NOT NULL,
    "last_engaged_at" TIMESTAMPTZ(3),
    "computed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "engagement_score_pkey" PRIMARY KEY ("contact_id")
);

-- CreateTable
CREATE TABLE "health_score" (
    "contact_id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "score" INTEGER NOT NULL,
    "components" JSONB NOT NULL DEFAULT '{}',
    "computed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "health_score_pkey" PRIMARY KEY ("contact_id")
);

-- CreateTable
CREATE TABLE "score_adjustment" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "contact_id" UUID NOT NULL,
    "model" "score_model" NOT NULL,
    "delta" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "score_adjustment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lifecycle_stage_change" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "contact_id" UUID NOT NULL,
    "from_stage" "lifecycle_stage",
    "to_stage" "lifecycle_stage" NOT NULL,
    "reason" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lifecycle_stage_change_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "loyalty_program" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "points_per_currency_unit" DECIMAL(10,4) NOT NULL DEFAULT 1,
    "points_expire_after_months" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "loyalty_program_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "loyalty_tier" (
    "id" UUID NOT NULL,
    "program_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    "min_points" INTEGER NOT NULL,
    "benefits" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "loyalty_tier_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "loyalty_account" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "program_id" UUID NOT NULL,
    "contact_id" UUID NOT NULL,
    "tier_id" UUID,
    "balance" INTEGER NOT NULL DEFAULT 0,
    "lifetime_points" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "loyalty_account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "loyalty_transaction" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "type" "loyalty_transaction_type" NOT NULL,
    "points" INTEGER NOT NULL,
    "balance_after" INTEGER NOT NULL,
    "reason" TEXT,
    "order_id" UUID,
    "idempotency_key" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3),
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "loyalty_transaction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "loyalty_reward" (
    "id" UUID NOT NULL,
    "program_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "cost_points" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "loyalty_reward_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "loyalty_redemption" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "reward_id" UUID NOT NULL,
    "transaction_id" UUID NOT NULL,
    "status" "redemption_status" NOT NULL DEFAULT 'pending',
    "code" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "fulfilled_at" TIMESTAMPTZ(3),

    CONSTRAINT "loyalty_redemption_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "journey" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "status" "journey_status" NOT NULL DEFAULT 'draft',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "journey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "journey_version" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "journey_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "graph" JSONB NOT NULL,
    "plan" JSONB,
    "published_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "journey_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "journey_enrollment" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "journey_id" UUID NOT NULL,
    "journey_version_id" UUID NOT NULL,
    "contact_id" UUID NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "run_id" TEXT,
    "status" "enrollment_status" NOT NULL DEFAULT 'running',
    "current_node_id" TEXT,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ended_at" TIMESTAMPTZ(3),
    "exit_reason" TEXT,

    CONSTRAINT "journey_enrollment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "node_execution" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "enrollment_id" UUID NOT NULL,
    "journey_version_id" UUID NOT NULL,
    "node_id" TEXT NOT NULL,
    "visit" INTEGER NOT NULL DEFAULT 1,
    "status" "node_execution_status" NOT NULL,
    "outcome" TEXT,
    "error" TEXT,
    "entered_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "node_execution_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbox_entry" (
    "id" BIGSERIAL NOT NULL,
    "workspace_id" UUID NOT NULL,
    "topic" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dispatched_at" TIMESTAMPTZ(3),

    CONSTRAINT "outbox_entry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "workspace_slug_key" ON "workspace"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "api_key_key_hash_key" ON "api_key"("key_hash");

-- CreateIndex
CREATE INDEX "api_key_workspace_id_idx" ON "api_key"("workspace_id");

-- CreateIndex
CREATE INDEX "contact_workspace_id_phone_idx" ON "contact"("workspace_id", "phone");

-- CreateIndex
CREATE INDEX "contact_workspace_id_status_idx" ON "contact"("workspace_id", "status");

-- CreateIndex
CREATE INDEX "contact_workspace_id_lifecycle_stage_idx" ON "contact"("workspace_id", "lifecycle_stage");

-- CreateIndex
CREATE INDEX "contact_workspace_id_created_at_idx" ON "contact"("workspace_id", "created_at");

-- CreateIndex
CREATE INDEX "contact_tags_idx" ON "contact" USING GIN ("tags");

-- CreateIndex
CREATE UNIQUE INDEX "contact_workspace_id_external_id_key" ON "contact"("workspace_id", "external_id");

-- CreateIndex
CREATE UNIQUE INDEX "contact_workspace_id_email_key" ON "contact"("workspace_id", "email");

-- CreateIndex
CREATE INDEX "consent_workspace_id_channel_message_type_status_idx" ON "consent"("workspace_id", "channel", "message_type", "status");

-- CreateIndex
CREATE UNIQUE INDEX "consent_contact_id_channel_message_type_key" ON "consent"("contact_id", "channel", "message_type");

-- CreateIndex
CREATE INDEX "consent_event_contact_id_occurred_at_idx" ON "consent_event"("contact_id", "occurred_at");

-- CreateIndex
CREATE INDEX "consent_event_workspace_id_occurred_at_idx" ON "consent_event"("workspace_id", "occurred_at");

-- CreateIndex
CREATE UNIQUE INDEX "suppression_workspace_id_channel_address_key" ON "suppression"("workspace_id", "channel", "address");

-- CreateIndex
CREATE INDEX "order_contact_id_placed_at_idx" ON "order"("contact_id", "placed_at");

-- CreateIndex
CREATE INDEX "order_workspace_id_placed_at_idx" ON "order"("workspace_id", "placed_at");

-- CreateIndex
CREATE UNIQUE INDEX "order_workspace_id_external_id_key" ON "order"("workspace_id", "external_id");

-- CreateIndex
CREATE INDEX "order_item_order_id_idx" ON "order_item"("order_id");

-- CreateIndex
CREATE INDEX "order_item_sku_idx" ON "order_item"("sku");

-- CreateIndex
CREATE INDEX "event_workspace_id_name_occurred_at_idx" ON "event"("workspace_id", "name", "occurred_at");

-- CreateIndex
CREATE INDEX "event_contact_id_occurred_at_idx" ON "event"("contact_id", "occurred_at");

-- CreateIndex
CREATE INDEX "event_workspace_id_anonymous_id_idx" ON "event"("workspace_id", "anonymous_id");

-- CreateIndex
CREATE UNIQUE INDEX "event_workspace_id_message_id_key" ON "event"("workspace_id", "message_id");

-- CreateIndex
CREATE INDEX "communication_contact_id_channel_created_at_idx" ON "communication"("contact_id", "channel", "created_at");

-- CreateIndex
CREATE INDEX "communication_workspace_id_created_at_idx" ON "communication"("workspace_id", "created_at");

-- CreateIndex
CREATE INDEX "communication_provider_provider_message_id_idx" ON "communication"("provider", "provider_message_id");

-- CreateIndex
CREATE INDEX "communication_journey_id_node_id_idx" ON "communication"("journey_id", "node_id");

-- CreateIndex
CREATE UNIQUE INDEX "communication_workspace_id_idempotency_key_key" ON "communication"("workspace_id", "idempotency_key");

-- CreateIndex
CREATE INDEX "communication_status_change_communication_id_occurred_at_idx" ON "communication_status_change"("communication_id", "occurred_at");

-- CreateIndex
CREATE UNIQUE INDEX "message_template_workspace_id_name_key" ON "message_template"("workspace_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "segment_workspace_id_name_key" ON "segment"("workspace_id", "name");

-- CreateIndex
CREATE INDEX "segment_membership_contact_id_idx" ON "segment_membership"("contact_id");

-- CreateIndex
CREATE INDEX "segment_membership_change_segment_id_occurred_at_idx" ON "segment_membership_change"("segment_id", "occurred_at");

-- CreateIndex
CREATE INDEX "segment_membership_change_contact_id_occurred_at_idx" ON "segment_membership_change"("contact_id", "occurred_at");

-- CreateIndex
CREATE INDEX "rfm_score_workspace_id_segment_label_idx" ON "rfm_score"("workspace_id", "segment_label");

-- CreateIndex
CREATE INDEX "clv_score_workspace_id_predicted_value_idx" ON "clv_score"("workspace_id", "predicted_value");

-- CreateIndex
CREATE INDEX "lead_score_workspace_id_score_idx" ON "lead_score"("workspace_id", "score");

-- CreateIndex
CREATE INDEX "churn_risk_score_workspace_id_band_idx" ON "churn_risk_score"("workspace_id", "band");

-- CreateIndex
CREATE INDEX "engagement_score_workspace_id_score_idx" ON "engagement_score"("workspace_id", "score");

-- CreateIndex
CREATE INDEX "health_score_workspace_id_score_idx" ON "health_score"("workspace_id", "score");

-- CreateIndex
CREATE INDEX "score_adjustment_contact_id_model_occurred_at_idx" ON "score_adjustment"("contact_id", "model", "occurred_at");

-- CreateIndex
CREATE UNIQUE INDEX "score_adjustment_workspace_id_idempotency_key_key" ON "score_adjustment"("workspace_id", "idempotency_key");

-- CreateIndex
CREATE INDEX "lifecycle_stage_change_contact_id_occurred_at_idx" ON "lifecycle_stage_change"("contact_id", "occurred_at");

-- CreateIndex
CREATE INDEX "lifecycle_stage_change_workspace_id_to_stage_occurred_at_idx" ON "lifecycle_stage_change"("workspace_id", "to_stage", "occurred_at");

-- CreateIndex
CREATE UNIQUE INDEX "loyalty_program_workspace_id_name_key" ON "loyalty_program"("workspace_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "loyalty_tier_program_id_name_key" ON "loyalty_tier"("program_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "loyalty_tier_program_id_rank_key" ON "loyalty_tier"("program_id", "rank");

-- CreateIndex
CREATE INDEX "loyalty_account_contact_id_idx" ON "loyalty_account"("contact_id");

-- CreateIndex
CREATE UNIQUE INDEX "loyalty_account_program_id_contact_id_key" ON "loyalty_account"("program_id", "contact_id");

-- CreateIndex
CREATE INDEX "loyalty_transaction_account_id_occurred_at_idx" ON "loyalty_transaction"("account_id", "occurred_at");

-- CreateIndex
CREATE UNIQUE INDEX "loyalty_transaction_workspace_id_idempotency_key_key" ON "loyalty_transaction"("workspace_id", "idempotency_key");

-- CreateIndex
CREATE UNIQUE INDEX "loyalty_reward_program_id_name_key" ON "loyalty_reward"("program_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "loyalty_redemption_transaction_id_key" ON "loyalty_redemption"("transaction_id");

-- CreateIndex
CREATE INDEX "loyalty_redemption_account_id_created_at_idx" ON "loyalty_redemption"("account_id", "created_at");

-- CreateIndex
CREATE INDEX "journey_workspace_id_status_idx" ON "journey"("workspace_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "journey_workspace_id_name_key" ON "journey"("workspace_id", "name");

-- CreateIndex
CREATE INDEX "journey_version_journey_id_published_at_idx" ON "journey_version"("journey_id", "published_at");

-- CreateIndex
CREATE UNIQUE INDEX "journey_version_journey_id_version_key" ON "journey_version"("journey_id", "version");

-- CreateIndex
CREATE UNIQUE INDEX "journey_enrollment_workflow_id_key" ON "journey_enrollment"("workflow_id");

-- CreateIndex
CREATE INDEX "journey_enrollment_journey_id_status_idx" ON "journey_enrollment"("journey_id", "status");

-- CreateIndex
CREATE INDEX "journey_enrollment_contact_id_started_at_idx" ON "journey_enrollment"("contact_id", "started_at");

-- CreateIndex
CREATE INDEX "node_execution_journey_version_id_node_id_status_idx" ON "node_execution"("journey_version_id", "node_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "node_execution_enrollment_id_node_id_visit_key" ON "node_execution"("enrollment_id", "node_id", "visit");

-- CreateIndex
CREATE INDEX "outbox_entry_dispatched_at_id_idx" ON "outbox_entry"("dispatched_at", "id");

-- AddForeignKey
ALTER TABLE "api_key" ADD CONSTRAINT "api_key_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contact" ADD CONSTRAINT "contact_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consent" ADD CONSTRAINT "consent_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consent" ADD CONSTRAINT "consent_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consent_event" ADD CONSTRAINT "consent_event_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consent_event" ADD CONSTRAINT "consent_event_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "suppression" ADD CONSTRAINT "suppression_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order" ADD CONSTRAINT "order_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order" ADD CONSTRAINT "order_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_item" ADD CONSTRAINT "order_item_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event" ADD CONSTRAINT "event_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event" ADD CONSTRAINT "event_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "communication" ADD CONSTRAINT "communication_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "communication" ADD CONSTRAINT "communication_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "communication" ADD CONSTRAINT "communication_template_id_fkey" FOREIGN KEY ("template_id") REFERENCES "message_template"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "communication" ADD CONSTRAINT "communication_journey_id_fkey" FOREIGN KEY ("journey_id") REFERENCES "journey"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "communication" ADD CONSTRAINT "communication_enrollment_id_fkey" FOREIGN KEY ("enrollment_id") REFERENCES "journey_enrollment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "communication_status_change" ADD CONSTRAINT "communication_status_change_communication_id_fkey" FOREIGN KEY ("communication_id") REFERENCES "communication"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "message_template" ADD CONSTRAINT "message_template_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "segment" ADD CONSTRAINT "segment_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "segment_membership" ADD CONSTRAINT "segment_membership_segment_id_fkey" FOREIGN KEY ("segment_id") REFERENCES "segment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "segment_membership" ADD CONSTRAINT "segment_membership_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "segment_membership" ADD CONSTRAINT "segment_membership_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "segment_membership_change" ADD CONSTRAINT "segment_membership_change_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "segment_membership_change" ADD CONSTRAINT "segment_membership_change_segment_id_fkey" FOREIGN KEY ("segment_id") REFERENCES "segment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "segment_membership_change" ADD CONSTRAINT "segment_membership_change_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rfm_score" ADD CONSTRAINT "rfm_score_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rfm_score" ADD CONSTRAINT "rfm_score_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "clv_score" ADD CONSTRAINT "clv_score_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "clv_score" ADD CONSTRAINT "clv_score_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_score" ADD CONSTRAINT "lead_score_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_score" ADD CONSTRAINT "lead_score_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "churn_risk_score" ADD CONSTRAINT "churn_risk_score_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "churn_risk_score" ADD CONSTRAINT "churn_risk_score_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "engagement_score" ADD CONSTRAINT "engagement_score_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "engagement_score" ADD CONSTRAINT "engagement_score_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "health_score" ADD CONSTRAINT "health_score_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "health_score" ADD CONSTRAINT "health_score_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "score_adjustment" ADD CONSTRAINT "score_adjustment_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "score_adjustment" ADD CONSTRAINT "score_adjustment_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lifecycle_stage_change" ADD CONSTRAINT "lifecycle_stage_change_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lifecycle_stage_change" ADD CONSTRAINT "lifecycle_stage_change_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "loyalty_program" ADD CONSTRAINT "loyalty_program_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "loyalty_tier" ADD CONSTRAINT "loyalty_tier_program_id_fkey" FOREIGN KEY ("program_id") REFERENCES "loyalty_program"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "loyalty_account" ADD CONSTRAINT "loyalty_account_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "loyalty_account" ADD CONSTRAINT "loyalty_account_program_id_fkey" FOREIGN KEY ("program_id") REFERENCES "loyalty_program"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "loyalty_account" ADD CONSTRAINT "loyalty_account_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "loyalty_account" ADD CONSTRAINT "loyalty_account_tier_id_fkey" FOREIGN KEY ("tier_id") REFERENCES "loyalty_tier"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "loyalty_transaction" ADD CONSTRAINT "loyalty_transaction_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "loyalty_transaction" ADD CONSTRAINT "loyalty_transaction_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "loyalty_account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "loyalty_transaction" ADD CONSTRAINT "loyalty_transaction_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "order"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "loyalty_reward" ADD CONSTRAINT "loyalty_reward_program_id_fkey" FOREIGN KEY ("program_id") REFERENCES "loyalty_program"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "loyalty_redemption" ADD CONSTRAINT "loyalty_redemption_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "loyalty_redemption" ADD CONSTRAINT "loyalty_redemption_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "loyalty_account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "loyalty_redemption" ADD CONSTRAINT "loyalty_redemption_reward_id_fkey" FOREIGN KEY ("reward_id") REFERENCES "loyalty_reward"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "loyalty_redemption" ADD CONSTRAINT "loyalty_redemption_transaction_id_fkey" FOREIGN KEY ("transaction_id") REFERENCES "loyalty_transaction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "journey" ADD CONSTRAINT "journey_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "journey_version" ADD CONSTRAINT "journey_version_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "journey_version" ADD CONSTRAINT "journey_version_journey_id_fkey" FOREIGN KEY ("journey_id") REFERENCES "journey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "journey_enrollment" ADD CONSTRAINT "journey_enrollment_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "journey_enrollment" ADD CONSTRAINT "journey_enrollment_journey_id_fkey" FOREIGN KEY ("journey_id") REFERENCES "journey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "journey_enrollment" ADD CONSTRAINT "journey_enrollment_journey_version_id_fkey" FOREIGN KEY ("journey_version_id") REFERENCES "journey_version"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "journey_enrollment" ADD CONSTRAINT "journey_enrollment_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "node_execution" ADD CONSTRAINT "node_execution_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "node_execution" ADD CONSTRAINT "node_execution_enrollment_id_fkey" FOREIGN KEY ("enrollment_id") REFERENCES "journey_enrollment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outbox_entry" ADD CONSTRAINT "outbox_entry_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

