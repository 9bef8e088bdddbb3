import type { Criteria } from '../../engine/journey/conditions/language';
import type { JourneyDraft } from '../../engine/journey/schema';

const at = (index: number) => ({ x: 0, y: index * 140 });

export const EMAIL_INPUT = { format: 'html', messageType: 'transactional', subject: 'Your order is on its way', html: '<p>Hi {{ contact.firstName }}, your order is on its way.</p>' };
export const SMS_INPUT = { messageType: 'transactional', body: 'Hi {{ contact.firstName }}, your parcel arrives today.' };
/** Every benchmark contact is a VIP, so each run takes the SMS path and both sides send the same. */
export const VIP: Criteria = { type: 'attribute', field: 'attributes.vip', operator: 'equals', value: true };
export const SET_ATTRIBUTE_INPUT = { attribute: 'welcomed', value: true };

/** P1: trigger → email → wait → branch → SMS. */
export function fiveNodeJourney(): JourneyDraft {
  return {
    schemaVersion: 2,
    name: 'Bench: shipping notice',
    settings: { reentry: { mode: 'always' }, exitCriteria: [] },
    nodes: [
      { id: 'start', kind: 'trigger', position: at(0), config: { type: 'manual' } },
      { id: 'email', kind: 'action', position: at(1), config: { actionId: 'email', actionVersion: 1, input: EMAIL_INPUT } },
      { id: 'pause', kind: 'wait', position: at(2), config: { type: 'delay', duration: { amount: 1, unit: 'minutes' } } },
      { id: 'vip', kind: 'branch', position: at(3), config: { type: 'condition', branches: [{ id: 'yes', label: 'VIP', condition: VIP }] } },
      { id: 'sms', kind: 'action', position: at(4), config: { actionId: 'sms', actionVersion: 1, input: SMS_INPUT } },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'email' },
      { id: 'e2', source: 'email', target: 'pause' },
      { id: 'e3', source: 'pause', target: 'vip' },
      { id: 'e4', source: 'vip', target: 'sms', sourceHandle: 'yes' },
    ],
  };
}

/** P1b: manual trigger → contact.set_attribute → exit, entered by bulk enrollment. */
export function threeNodeJourney(): JourneyDraft {
  return {
    schemaVersion: 2,
    name: 'Bench: welcome flag',
    settings: { reentry: { mode: 'never' }, exitCriteria: [] },
    nodes: [
      { id: 'start', kind: 'trigger', position: at(0), config: { type: 'manual' } },
      { id: 'flag', kind: 'action', position: at(1), config: { actionId: 'contact.set_attribute', actionVersion: 1, input: SET_ATTRIBUTE_INPUT } },
      { id: 'done', kind: 'exit', position: at(2), config: {} },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'flag' },
      { id: 'e2', source: 'flag', target: 'done' },
    ],
  };
}
