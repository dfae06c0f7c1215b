import { everyPurpose, type ConsentSource } from './source';

/**
 * Global Privacy Control (`navigator.globalPrivacyControl`): a legally binding opt-out in
 * several US states. Honoured by default as a denial of every purpose; it never grants.
 */
export const gpcSource: ConsentSource = {
  name: 'gpc',
  present: (win) => (win.navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl === true,
  start(win, config, report) {
    report(config.gpc === 'opt-out' && gpcSource.present(win) ? everyPurpose('denied') : null);
    return () => {};
  },
};
