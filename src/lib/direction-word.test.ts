import { describe, expect, it } from 'vitest';
import { directionWord } from './direction-word';

describe('directionWord', () => {
  it('says fewer for things one counts and less for amounts', () => {
    expect(directionWord('less', 'product pages this visit')).toBe('fewer');
    expect(directionWord('less', 'articles this visit')).toBe('fewer');
    expect(directionWord('less', 'time on account pages')).toBe('less');
    expect(directionWord('less', 'engaged time')).toBe('less');
    expect(directionWord('more', 'product pages this visit')).toBe('more');
  });
});
