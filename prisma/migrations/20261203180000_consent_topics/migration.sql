-- AlterTable
ALTER TABLE "consent_event" ADD COLUMN     "actor" TEXT,
ADD COLUMN     "form_id" TEXT,
ADD COLUMN     "reason" TEXT,
ADD COLUMN     "topic" TEXT,
ADD COLUMN     "user_agent" TEXT;

-- CreateTable
CREATE TABLE "subscription_topic" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "channel" "channel" NOT NULL,
    "default_subscribed" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "subscription_topic_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "topic_subscription" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "contact_id" UUID NOT NULL,
    "topic_id" UUID NOT NULL,
    "status" "consent_status" NOT NULL,
    "source" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "topic_subscription_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "subscription_topic_workspace_id_key_key" ON "subscription_topic"("workspace_id", "key");

-- CreateIndex
CREATE INDEX "topic_subscription_topic_id_status_idx" ON "topic_subscription"("topic_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "topic_subscription_contact_id_topic_id_key" ON "topic_subscription"("contact_id", "topic_id");

-- AddForeignKey
ALTER TABLE "subscription_topic" ADD CONSTRAINT "subscription_topic_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "topic_subscription" ADD CONSTRAINT "topic_subscription_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "topic_subscription" ADD CONSTRAINT "topic_subscription_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "topic_subscription" ADD CONSTRAINT "topic_subscription_topic_id_fkey" FOREIGN KEY ("topic_id") REFERENCES "subscription_topic"("id") ON DELETE CASCADE ON UPDATE CASCADE;

