import { describe, it, expect } from '@jest/globals';
import { incidentMonth, monthsOpenedIn } from './incident-months.js';

describe('incident month partitions', () => {
  it('names the month of the alert minute in an incident id, brands with dashes included', () => {
    expect(incidentMonth('acme-202611200800-abc123')).toBe('202611');
    expect(incidentMonth('acme-cn-202701010000-0f0f0f')).toBe('202701');
    expect(incidentMonth('hand-made-id')).toBeNull();
  });

  it('reads the months of a range and the month before it, since an incident opens after its alert', () => {
    const months = ['202609', '202610', '202611', '202612'];
    expect(monthsOpenedIn(months, new Date('2026-11-01T00:00:00Z'), new Date('2026-12-01T00:00:00Z'))).toEqual(['202610', '202611']);
    expect(monthsOpenedIn(months, new Date('2026-11-15T00:00:00Z'))).toEqual(['202610', '202611', '202612']);
    expect(monthsOpenedIn(months, undefined, new Date('2026-10-02T00:00:00Z'))).toEqual(['202609', '202610']);
    expect(monthsOpenedIn(months, new Date('2027-01-05T00:00:00Z'), new Date('2027-01-06T00:00:00Z'))).toEqual(['202612']);
  });
});
