/** Debian's Chromium; never a downloaded browser. `CHROMIUM_PATH` overrides it. */
export declare const CHROMIUM: string;
/** Without the networking flags Chromium floods a closed network with connection attempts. */
export declare const CHROMIUM_ARGS: string[];
