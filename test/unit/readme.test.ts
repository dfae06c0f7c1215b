import { describe, expect, it } from 'vitest';
import readme from '../../README.md?raw';
import stub from '../../src/stub.js?raw';

// The e2e pages embed src/stub.js; this keeps the README's snippet the same code.
describe('README', () => {
  it('documents the exact queue stub the browser tests use', () => {
    expect(readme).toContain(`<script>${stub.trim()}</script>`);
  });
  it('gives the two set-up commands', () => {
    expect(readme).toContain('npm ci && npm run demo');
    expect(readme).toContain('npm test');
  });
});
