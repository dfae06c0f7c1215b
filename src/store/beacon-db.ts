/** The beacon's own database: page-view reports waiting to be sent. Written only under `measurement` consent. */
export const BEACON_DB = 'edgeseg-beacon';
