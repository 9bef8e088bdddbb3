-- CreateTable
CREATE TABLE "local_outbox_message" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "channel" "channel" NOT NULL,
    "to_address" TEXT NOT NULL,
    "from_address" TEXT,
    "subject" TEXT,
    "body" TEXT NOT NULL,
    "text_body" TEXT,
    "raw" TEXT,
    "message_id" TEXT NOT NULL,
    "idempotency_key" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "local_outbox_message_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "local_outbox_message_workspace_id_created_at_idx" ON "local_outbox_message"("workspace_id", "created_at");

-- CreateIndex
CREATE INDEX "local_outbox_message_workspace_id_to_address_idx" ON "local_outbox_message"("workspace_id", "to_address");

-- AddForeignKey
ALTER TABLE "local_outbox_message" ADD CONSTRAINT "local_outbox_message_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

