import { dependency, type DependencyKey } from '../segments/dependencies';
import type { CrmChange } from './topics';

/** The dependency key a change event touches: what segments reading it must re-check. */
export function dependencyTouchedBy(change: CrmChange): DependencyKey {
  switch (change.topic) {
    case 'score.changed':
      return dependency.score(change.model);
    case 'rfm.segment_changed':
      return dependency.score('rfm');
    case 'lead.qualification_changed':
      return dependency.score('lead');
    case 'lifecycle.stage_changed':
      return dependency.lifecycleStage;
    case 'journey_stage.changed':
      return dependency.journeyStage;
    case 'loyalty.tier_changed':
      return dependency.loyalty;
    case 'segment.entered':
    case 'segment.exited':
      return dependency.segment(change.segmentId);
    case 'event.tracked':
      return dependency.event(change.name);
    case 'contact.attribute_changed':
      return dependency.contactField(change.field);
    case 'consent.changed':
      return change.subscriptionTopic === null ? dependency.consent(change.channel) : dependency.topic(change.subscriptionTopic);
  }
}
