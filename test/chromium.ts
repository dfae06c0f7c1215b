// Which Chromium the tests launch, and with which flags: shared with bench/ (scripts/chromium.mjs).
export { CHROMIUM, CHROMIUM_ARGS } from '../scripts/chromium.mjs';
