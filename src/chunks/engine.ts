/**
 * The engine chunk (`dist/edgeseg.engine.mjs`): bundle validation, features and
 * scoring. The script-tag core imports it once a bundle is configured.
 */
import { engine } from '../engine/engine';

export default engine;
