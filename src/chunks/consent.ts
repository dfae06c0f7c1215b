/**
 * The consent-manager adapters, loaded only when a source is configured or detected.
 * While this chunk loads, consent stays pending: nothing is stored.
 */
import { watchSources } from '../consent/watch-sources';
import { tcfSource } from '../consent/sources/tcf';
import { gppSource } from '../consent/sources/gpp';
import { consentModeSource } from '../consent/sources/consent-mode';
import { gpcSource } from '../consent/sources/gpc';
import { oneTrustSource } from '../consent/sources/onetrust';
import { cookiebotSource } from '../consent/sources/cookiebot';
import { klaroSource } from '../consent/sources/klaro';
import type { ConsentSources } from './consent-contract';

const SOURCES = [gpcSource, tcfSource, gppSource, consentModeSource, oneTrustSource, cookiebotSource, klaroSource];

const consentSources: ConsentSources = {
  watch: (win, config, listener, onError, clock) => watchSources(SOURCES, win, config, listener, onError, clock),
};

export default consentSources;
