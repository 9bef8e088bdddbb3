import { bundleWorkflows } from '../support/temporal';

// The worker evaluates every module of the workflow bundle again for each new run (the sandbox
// resets module state between runs), so a package the workflow code reaches is initialised once
// per journey entry. A barrel import that pulled the condition validators into the bundle made
// typebox's initialisation about 10 ms of CPU per run, more than the rest of the interpreter.
describe('the workflow bundle', () => {
  it('holds no package beyond the Temporal SDK and what the SDK itself depends on', async () => {
    const bundle = await bundleWorkflows();
    const packages = new Set([...bundle.code.matchAll(/\.\/node_modules\/((?:@[^/]+\/)?[^/"]+)\//g)].map((match) => match[1] ?? ''));
    const sdk = ['@temporalio/common', '@temporalio/workflow'];
    const allowed = new Set([...sdk, ...sdk.flatMap((name) => Object.keys(sdkDependencies(name)))]);
    expect([...packages].filter((name) => !allowed.has(name))).toEqual([]);
    // The journey language's validation and catalogue stay out, even through our own modules.
    expect(bundle.code).not.toMatch(/engine\/journey\/(compile|catalog|schema)\//);
    expect(bundle.code).not.toMatch(/engine\/journey\/conditions\/validate/);
  }, 60_000);
});

function sdkDependencies(name: string): Record<string, string> {
  const manifest: unknown = require(`${name}/package.json`);
  if (typeof manifest !== 'object' || manifest === null || !('dependencies' in manifest)) return {};
  const dependencies = manifest.dependencies;
  if (typeof dependencies !== 'object' || dependencies === null) return {};
  return Object.fromEntries(Object.entries(dependencies).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}
