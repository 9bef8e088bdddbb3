import { Type, type Static } from 'typebox';
import type { PrismaClient } from '../../prisma/generated/client';
import { ConsentInvalidError, SubscriptionTopicNotFoundError } from './errors';

export const TopicInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100, description: 'What contacts see on the preference center.' }),
    description: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 500 }), Type.Null()])),
    channel: Type.Union([Type.Literal('email'), Type.Literal('sms'), Type.Literal('push'), Type.Literal('whatsapp')]),
    defaultSubscribed: Type.Optional(
      Type.Boolean({ description: 'Opt-out topic (true): everyone with marketing consent on the channel gets it until they leave. Opt-in (false, the default): only those who chose it.' }),
    ),
  },
  { additionalProperties: false },
);
export type TopicInput = Static<typeof TopicInput>;

export interface TopicView {
  readonly key: string;
  readonly name: string;
  readonly description: string | null;
  readonly channel: string;
  readonly defaultSubscribed: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

const VIEW = { key: true, name: true, description: true, channel: true, defaultSubscribed: true, createdAt: true, updatedAt: true } as const;

type Db = Pick<PrismaClient, 'subscriptionTopic' | '$queryRaw'>;

export function listTopics(prisma: Pick<PrismaClient, 'subscriptionTopic'>, workspaceId: string): Promise<TopicView[]> {
  return prisma.subscriptionTopic.findMany({ where: { workspaceId }, select: VIEW, orderBy: { key: 'asc' } });
}

/** Creates or updates a topic by key. A topic's channel cannot change: its history speaks of that channel. */
export async function putTopic(prisma: Db, workspaceId: string, key: string, input: TopicInput): Promise<{ topic: TopicView; created: boolean }> {
  const existing = await prisma.subscriptionTopic.findUnique({ where: { workspaceId_key: { workspaceId, key } }, select: { channel: true } });
  if (existing && existing.channel !== input.channel) throw new ConsentInvalidError('body.channel', `cannot change from ${existing.channel}: create a new topic instead`);
  const data = { name: input.name, description: input.description ?? null, channel: input.channel, defaultSubscribed: input.defaultSubscribed ?? false };
  const topic = await prisma.subscriptionTopic.upsert({ where: { workspaceId_key: { workspaceId, key } }, create: { workspaceId, key, ...data }, update: data, select: VIEW });
  return { topic, created: !existing };
}

/** Segments whose criteria read the topic, by name: a topic they rely on cannot go. */
export async function segmentsReadingTopic(prisma: Pick<PrismaClient, '$queryRaw'>, workspaceId: string, key: string): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ name: string }[]>`
    SELECT name FROM segment WHERE workspace_id = ${workspaceId}::uuid AND ${`topic:${key}`} = ANY(depends_on) ORDER BY name`;
  return rows.map((row) => row.name);
}

/** Deletes a topic and its subscriptions (the consent history keeps its key). */
export async function deleteTopic(prisma: Db, workspaceId: string, key: string): Promise<void> {
  const deleted = await prisma.subscriptionTopic.deleteMany({ where: { workspaceId, key } });
  if (deleted.count === 0) throw new SubscriptionTopicNotFoundError(key);
}
