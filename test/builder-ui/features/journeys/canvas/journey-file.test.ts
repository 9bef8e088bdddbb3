import { fileNameOf, journeyFileOf, readJourneyFile } from '../../../../../builder-ui/src/features/journeys/canvas/journey-file';
import { JOURNEY_TEMPLATES } from '../../../../../engine/journey/templates';

describe('journey files from the canvas', () => {
  it.each(JOURNEY_TEMPLATES.map((template) => [template.key, template.draft] as const))('exports and re-imports %s unchanged', (_key, draft) => {
    expect(readJourneyFile(journeyFileOf(draft))).toEqual({ draft });
    expect(fileNameOf(draft)).toMatch(/^[a-z0-9-]+\.journey\.json$/);
  });

  it('names what is wrong with a file, by its place in it', () => {
    expect(readJourneyFile('{ nope')).toEqual({ error: expect.stringContaining('not JSON') });
    expect(readJourneyFile(JSON.stringify({ name: 'x' }))).toEqual({ error: expect.stringContaining('This is not a journey file') });
    const draft = structuredClone(JOURNEY_TEMPLATES[0]?.draft);
    if (!draft) throw new Error('no template');
    const broken = { ...draft, nodes: draft.nodes.map((node, index) => (index === 2 ? { ...node, config: { type: 'delay', duration: { amount: 'soon' } } } : node)) };
    expect(readJourneyFile(JSON.stringify(broken))).toEqual({ error: expect.stringMatching(/^nodes\.2 \(.+\) is not a valid/) });
  });
});
