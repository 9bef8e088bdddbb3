import type { EnrollmentPage } from '../../journeys/enrollments';
import { iso, isoOrNull } from './common';

/** An enrollment page as the API sends it (timestamps as ISO strings). */
export const enrollmentPageView = (page: EnrollmentPage) => ({
  enrollments: page.enrollments.map((enrollment) => ({ ...enrollment, startedAt: iso(enrollment.startedAt), endedAt: isoOrNull(enrollment.endedAt) })),
  nextCursor: page.nextCursor,
});
