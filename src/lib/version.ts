declare const __EDGESEG_VERSION__: string | undefined;

/**
 * The SDK's version (`package.json`), put in by the build (`rollup.config.mjs`); `dev`
 * where the sources run unbuilt (tests). Things remembered across page loads that only
 * hold for the code that wrote them (a config known to be valid) carry it.
 */
export const VERSION: string = typeof __EDGESEG_VERSION__ === 'string' ? __EDGESEG_VERSION__ : 'dev';
