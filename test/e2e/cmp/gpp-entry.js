// Real IAB GPP code for the test pages: the CMP API with its section encoders.
import { CmpApi, CmpStatus, SignalStatus } from '@iabgpp/cmpapi';

// The GPP stub a page loads before its CMP: it queues calls; CmpApi takes them over.
const queue = [];
window.__gpp = (...args) => (args.length ? void queue.push(args) : queue);
const cmp = new CmpApi(10, 1);
cmp.setCmpStatus(CmpStatus.LOADED);

/** Sets section fields, the applicable sections, and signals "ready" (as a CMP does after a choice). */
window.gppSet = (sectionIds, fields) => {
  cmp.setSignalStatus(SignalStatus.NOT_READY);
  cmp.clear();
  for (const [section, values] of Object.entries(fields))
    for (const [field, value] of Object.entries(values)) cmp.setFieldValue(section, field, value);
  cmp.setApplicableSections(sectionIds);
  cmp.setSignalStatus(SignalStatus.READY);
  for (const section of Object.keys(fields)) cmp.fireSectionChange(section);
};
window.gppCmp = cmp;
