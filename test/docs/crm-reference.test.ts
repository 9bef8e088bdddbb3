import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CRM_REFERENCE_TABLES } from './crm-tables';

// docs/crm.md shows the RFM bands, the quintile tie rule, the RFM segments and the stage rules;
// the SQL is generated from the same tables. If a rule changes, this fails until the document
// shows the new table (the message prints it, ready to paste).
describe('docs/crm.md', () => {
  const document = readFileSync(join(__dirname, '..', '..', 'docs', 'crm.md'), 'utf8');

  it.each(Object.entries(CRM_REFERENCE_TABLES))('shows the %s as they run', (name, render) => {
    const expected = render();
    if (!document.includes(expected)) throw new Error(`docs/crm.md does not show the current ${name}; it should contain:\n\n${expected}\n`);
  });
});
