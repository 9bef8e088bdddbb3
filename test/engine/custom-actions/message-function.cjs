// An action written against the older SDK shape: `message` as a function. The catalog is
// data the browser reads, so the loader refuses it by name.
module.exports = [
  {
    id: 'acme.fax',
    version: 1,
    label: 'Send a fax',
    input: { type: 'object', properties: {} },
    outputs: ['sent'],
    message: () => ({ channel: 'fax', purpose: 'marketing', quietHours: true, frequencyCap: true }),
    async run() {
      return { outcome: 'sent' };
    },
  },
];
