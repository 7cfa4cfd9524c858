import { describe, expect, it } from 'vitest';
import { typographyFor } from '../../src/localize/typography/index.ts';

const NNBSP = '\u202f';
const NBSP = '\u00a0';

describe('French numbers stay whole', () => {
  const fr = typographyFor('fr');

  it('joins digit groups with a narrow no-break space', () => {
    expect(fr('un chef-lieu de 28 000 habitants')).toBe(`un chef-lieu de 28${NNBSP}000 habitants`);
    expect(fr('1 500 000 habitants')).toBe(`1${NNBSP}500${NNBSP}000 habitants`);
  });

  it('ties a number to its unit and n° / art. to their number', () => {
    expect(fr('480 M€, 16 %, 30 min')).toBe(`480${NBSP}M€, 16${NBSP}%, 30${NBSP}min`);
    expect(fr('décret n° 2017-638, art. 6')).toBe(`décret n°${NBSP}2017-638, art.${NBSP}6`);
  });

  it('leaves years and other languages alone, and is idempotent', () => {
    expect(fr('entre 2018 et 2022')).toBe('entre 2018 et 2022');
    expect(typographyFor('en')('28 000 people')).toBe('28 000 people');
    const once = fr('Budget : 480 M€ pour 2 900 agents !');
    expect(fr(once)).toBe(once);
  });
});
