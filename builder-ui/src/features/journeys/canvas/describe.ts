import type { ActionCatalog } from '../../../../../engine/journey/catalog';
import { findAction } from '../../../../../engine/journey/catalog';
import type { Condition, DraftNode, Duration } from '../../../../../engine/journey/schema';
import { criteriaText } from '../../../components/forms/condition/sentence';

// A node's essential configuration in words, as the canvas states it on the node:
// "Wait 2 days", "If Predicted CLV is greater than 500", "Send email: Welcome, {{ contact.firstName }}".

export function durationText({ amount, unit }: Duration): string {
  return `${amount} ${amount === 1 ? unit.slice(0, -1) : unit}`;
}

/** `contact.attributes.plan` → `plan`; `score.clv.predictedValue` → `clv predictedValue`. */
export function fieldText(field: string): string {
  return field.replace(/^contact\.attributes\./, '').replace(/^contact\./, '').replace(/^score\./, '').replace(/^event\.properties\./, 'event ').replaceAll('.', ' ');
}

/** A condition in words: "Predicted CLV is greater than 500 and has tag "vip"". */
export function conditionText(condition: Condition): string {
  return criteriaText(condition);
}

const STAGE = (stage: string) => stage.replaceAll('_', ' ');

export function describeNode(node: DraftNode, catalog: ActionCatalog): string {
  switch (node.kind) {
    case 'trigger': {
      const config = node.config;
      switch (config.type) {
        case 'event': return `When "${config.event}" happens`;
        case 'segment_entered': return 'When a contact enters a segment';
        case 'segment_exited': return 'When a contact leaves a segment';
        case 'attribute_changed': return `When ${fieldText(config.attribute)} changes`;
        case 'score_crossed': return `When ${config.model} score goes ${config.direction} ${config.threshold}`;
        case 'stage_changed': return config.to ? `When the stage becomes ${STAGE(config.to)}` : 'When the lifecycle stage changes';
        case 'consent_changed': return `When ${config.topic ?? config.channel ?? 'any'} consent changes`;
        case 'date_attribute': return `On ${fieldText(config.attribute)}${config.offsetDays ? ` ${config.offsetDays > 0 ? '+' : ''}${config.offsetDays} days` : ''}, ${config.recurrence === 'yearly' ? 'every year' : 'once'} at ${config.at}`;
        case 'schedule': return `On schedule ${config.cron}`;
        case 'manual': return 'Started by hand or by the API';
      }
      break;
    }
    case 'wait': {
      const config = node.config;
      switch (config.type) {
        case 'delay': return `Wait ${durationText(config.duration)}`;
        case 'until_date': return config.attribute ? `Wait until ${fieldText(config.attribute)}` : `Wait until ${config.at ?? 'a date'}`;
        case 'time_window': return `Wait for ${config.days.join(', ')} ${config.from}–${config.to}`;
        case 'event': return `Wait up to ${durationText(config.timeout)} for "${config.event}"`;
        case 'condition': return `Wait up to ${durationText(config.timeout)} until ${conditionText(config.condition)}`;
      }
      break;
    }
    case 'branch': {
      const config = node.config;
      switch (config.type) {
        case 'condition': return config.branches[0] ? `If ${conditionText(config.branches[0].condition)}` : 'If…';
        case 'random': return `Random split ${config.paths.map((path) => path.percent).join(' / ')}`;
        case 'ab_test': return `A/B test: ${config.variants.length} variants${config.holdoutPercent ? ` + ${config.holdoutPercent}% holdout` : ''}`;
      }
      break;
    }
    case 'action': {
      const action = findAction(catalog, node.config.actionId, node.config.actionVersion);
      const input = node.config.input;
      const detail = ['subject', 'body', 'url', 'attribute', 'stage', 'points'].map((key) => input[key]).find((value) => typeof value === 'string' || typeof value === 'number');
      return `${action?.label ?? node.config.actionId}${detail !== undefined ? `: ${String(detail)}` : ''}`;
    }
    case 'exit':
      return node.config.reason ? `Exit: ${node.config.reason}` : 'Exit';
  }
  return '';
}

/** The words on an output handle. */
export function outputLabel(node: DraftNode, output: string): string {
  if (node.kind === 'branch') {
    const config = node.config;
    const named = config.type === 'condition' ? config.branches : config.type === 'random' ? config.paths : config.variants;
    const match = named.find((item) => item.id === output);
    if (match) return match.label;
  }
  const words: Readonly<Record<string, string>> = { next: 'Next', else: 'Else', holdout: 'Holdout', received: 'Received', timeout: 'Timed out', met: 'Met' };
  return words[output] ?? output;
}
