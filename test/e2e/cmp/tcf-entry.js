// Real IAB TCF v2.2 code for the test pages: the CMP API and the TC string encoder.
import { CmpApi } from '@iabtcf/cmpapi';
import { GVL, TCModel, TCString } from '@iabtcf/core';

const VENDOR_LIST = {
  gvlSpecificationVersion: 3,
  vendorListVersion: 1,
  tcfPolicyVersion: 5,
  lastUpdated: '2026-01-01T00:00:00Z',
  purposes: Object.fromEntries(
    Array.from({ length: 11 }, (_, i) => [
      i + 1,
      { id: i + 1, name: `Purpose ${i + 1}`, description: '', illustrations: [] },
    ]),
  ),
  specialPurposes: {},
  features: {},
  specialFeatures: {},
  vendors: {
    755: {
      id: 755,
      name: 'Test vendor',
      purposes: [1, 5, 6],
      legIntPurposes: [],
      flexiblePurposes: [],
      specialPurposes: [],
      features: [],
      specialFeatures: [],
      policyUrl: 'https://example.invalid/',
    },
  },
  stacks: {},
  dataCategories: {},
};

/** Encodes a TC string with the given purpose (and vendor 755) consents. */
window.encodeTcString = (purposes, vendors = []) => {
  const model = new TCModel(new GVL(VENDOR_LIST));
  model.cmpId = 10;
  model.cmpVersion = 1;
  model.isServiceSpecific = true;
  for (const id of purposes) model.purposeConsents.set(id);
  for (const id of vendors) model.vendorConsents.set(id);
  return TCString.encode(model);
};
window.tcfCmp = new CmpApi(10, 1, true);
