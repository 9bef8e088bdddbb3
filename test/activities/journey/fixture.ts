import { randomUUID } from 'node:crypto';
import type { Database } from '../../../engine/db';

export interface PublishedJourney {
  readonly workspaceId: string;
  readonly contactId: string;
  readonly journeyId: string;
  readonly journeyVersionId: string;
}

/** A fresh workspace with one contact and an active journey with one published version. */
export async function publishedJourney(db: Database, prefix: string): Promise<PublishedJourney> {
  const slug = `${prefix}-${randomUUID().slice(0, 8)}`;
  const workspace = await db.prisma.workspace.create({ data: { name: slug, slug } });
  const contact = await db.prisma.contact.create({ data: { workspaceId: workspace.id, email: `${slug}@example.com` } });
  const journey = await db.prisma.journey.create({ data: { workspaceId: workspace.id, name: 'Welcome', status: 'active' } });
  const version = await db.prisma.journeyVersion.create({ data: { workspaceId: workspace.id, journeyId: journey.id, version: 1, graph: {}, plan: {}, publishedAt: new Date() } });
  return { workspaceId: workspace.id, contactId: contact.id, journeyId: journey.id, journeyVersionId: version.id };
}

/** The same, with the contact enrolled (a running enrollment). */
export async function enrolledContact(db: Database, prefix: string): Promise<PublishedJourney & { readonly enrollmentId: string }> {
  const journey = await publishedJourney(db, prefix);
  const enrollment = await db.prisma.journeyEnrollment.create({
    data: { ...journey, workflowId: `w-${journey.journeyId}-${journey.contactId}`, runId: randomUUID() },
  });
  return { ...journey, enrollmentId: enrollment.id };
}
