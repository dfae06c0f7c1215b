/**
 * The engine chunk entry (`dist/edgeseg.engine.mjs`): imported by the script-tag core
 * when a bundle is configured. See `types/engine.ts`.
 */
export { engine } from './engine/engine';
