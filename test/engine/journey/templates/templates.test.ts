import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Value } from 'typebox/value';
import { createActionRegistry } from '../../../../activities/actions';
import { compileJourney } from '../../../../engine/journey/compile';
import { lintJourney } from '../../../../engine/journey/lint';
import { DraftNode, JourneyDraft } from '../../../../engine/journey/schema';
import { JOURNEY_TEMPLATES, type JourneyTemplate } from '../../../../engine/journey/templates';

const DIRECTORY = join(__dirname, '../../../../engine/journey/templates');
const SUFFIX = '.journey.json';
const catalog = createActionRegistry().catalog();
/** The strictest workspace: quiet hours and frequency caps required of every marketing message. */
const policy = { requireQuietHours: true, requireFrequencyCap: true };

const fileOf = (key: string): unknown => JSON.parse(readFileSync(join(DIRECTORY, `${key}${SUFFIX}`), 'utf8'));

function compiled(template: JourneyTemplate) {
  const result = compileJourney(template.draft, catalog);
  if (!result.ok) throw new Error(`${template.key} does not compile: ${JSON.stringify(result.issues, null, 2)}`);
  return result.plan;
}

const actionsOf = (template: JourneyTemplate) => template.draft.nodes.flatMap((node) => (node.kind === 'action' ? [node] : []));
const inputText = (input: Record<string, unknown>, field: string): string => {
  const value = input[field];
  return typeof value === 'string' ? value : '';
};

describe('journey templates', () => {
  it('has one template per journey file, under unique keys', () => {
    const files = readdirSync(DIRECTORY).filter((name) => name.endsWith(SUFFIX)).sort();
    const keys = JOURNEY_TEMPLATES.map((template) => template.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.map((key) => `${key}${SUFFIX}`).sort()).toEqual(files);
    expect(keys.length).toBeGreaterThanOrEqual(7);
  });

  it('has unique titles and journey names', () => {
    expect(new Set(JOURNEY_TEMPLATES.map((template) => template.title)).size).toBe(JOURNEY_TEMPLATES.length);
    expect(new Set(JOURNEY_TEMPLATES.map((template) => template.draft.name)).size).toBe(JOURNEY_TEMPLATES.length);
  });

  describe.each(JOURNEY_TEMPLATES.map((template) => [template.key, template] as const))('%s', (key, template) => {
    it('is the content of its file, which parses as a JourneyDraft', () => {
      const file = fileOf(key);
      expect(template.draft).toEqual(file);
      expect(Value.Check(JourneyDraft, file)).toBe(true);
      for (const node of template.draft.nodes) expect(Value.Check(DraftNode, node)).toBe(true);
      expect(key).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    });

    it('compiles with the built-in actions, with no issues', () => {
      expect(compileJourney(template.draft, catalog)).toMatchObject({ ok: true });
    });

    it('lints with no warnings, under a policy requiring quiet hours and frequency caps', () => {
      const report = lintJourney(compiled(template), { catalog, policy });
      expect(report.findings.filter((finding) => finding.severity === 'warning')).toEqual([]);
      expect(report.findings).toContainEqual(expect.objectContaining({ code: 'message_count', severity: 'info' }));
    });

    it('lists exactly the channels it sends on, and sends a bounded number of messages', () => {
      const { maxMessagesPerChannel } = lintJourney(compiled(template), { catalog });
      expect(Object.keys(maxMessagesPerChannel).sort()).toEqual([...template.channels].sort());
      for (const count of Object.values(maxMessagesPerChannel)) expect(typeof count).toBe('number');
    });

    it('presents well: short labels, a description, a summary of one sentence', () => {
      expect(template.title.length).toBeLessThanOrEqual(40);
      expect(template.summary).toMatch(/^[A-Z][^.]*\.$/);
      expect(template.icon).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(template.draft.description?.length ?? 0).toBeGreaterThan(80);
      for (const node of template.draft.nodes) {
        expect({ node: node.id, label: node.label ?? '' }).toEqual({ node: node.id, label: expect.stringMatching(/^.{1,40}$/) });
        if (node.kind === 'branch' && node.config.type === 'condition') {
          for (const branch of node.config.branches) expect(branch.label.length).toBeLessThanOrEqual(40);
        }
      }
    });

    it('is laid out top to bottom on the canvas grid, one node per cell', () => {
      const cells = new Set<string>();
      const { nodes, edges } = template.draft;
      for (const node of nodes) {
        expect({ node: node.id, column: Number.isInteger(node.position.x / 300), row: Number.isInteger(node.position.y / 180) }).toEqual({ node: node.id, column: true, row: true });
        cells.add(`${node.position.x},${node.position.y}`);
      }
      expect(cells.size).toBe(nodes.length);
      const position = new Map(nodes.map((node) => [node.id, node.position]));
      for (const edge of edges) expect((position.get(edge.target)?.y ?? 0) > (position.get(edge.source)?.y ?? 0)).toBe(true);
    });

    it('writes its messages inline, with an unsubscribe link in marketing email and opt-out words in marketing SMS', () => {
      for (const node of actionsOf(template)) {
        const { actionId, input } = node.config;
        expect(input.templateId).toBeUndefined();
        const marketing = input.messageType === undefined || input.messageType === 'marketing';
        if (actionId === 'email') {
          expect(inputText(input, 'subject')).not.toBe('');
          if (marketing) expect(inputText(input, 'html')).toContain('{{ unsubscribe_url }}');
        }
        if (actionId === 'sms' && marketing) expect(inputText(input, 'body')).toMatch(/Reply STOP/);
      }
    });

    it('needs no workspace-specific id', () => {
      expect(JSON.stringify(template.draft)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
      const trigger = template.draft.nodes.find((node) => node.kind === 'trigger');
      expect(trigger?.kind === 'trigger' && ['segment_entered', 'segment_exited'].includes(trigger.config.type)).toBe(false);
      for (const node of actionsOf(template)) expect(['segment.add', 'segment.remove', 'loyalty.award_points', 'loyalty.redeem_points', 'journey.start']).not.toContain(node.config.actionId);
    });
  });
});
