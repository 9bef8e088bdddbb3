// jsdom for the builder's component tests, with the web platform globals jsdom leaves out but
// browsers (and the modules under test: TypeBox, React Flow) have.
const { TextDecoder, TextEncoder } = require('node:util');
const { default: JSDOMEnvironment } = require('jest-environment-jsdom');

class BrowserLikeEnvironment extends JSDOMEnvironment {
  constructor(...args) {
    super(...args);
    Object.assign(this.global, { TextEncoder, TextDecoder, structuredClone });
  }
}

module.exports = BrowserLikeEnvironment;
