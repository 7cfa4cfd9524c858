import { describe, expect, it } from 'vitest';
import { closest, didYouMean } from '../../src/diagnostics/suggest.ts';

describe('did you mean', () => {
  it('finds typos, ignoring case and accents', () => {
    expect(closest('titel', ['id', 'title', 'goal'])).toBe('title');
    expect(closest('realisation', ['cadrage', 'réalisation', 'exploitation'])).toBe('réalisation');
    expect(closest('Meta', ['meta', 'print'])).toBe('meta');
    expect(closest('event', ['events', 'phases'])).toBe('events');
  });

  it('completes a choice written only in part', () => {
    expect(closest('long', ['long-edge', 'short-edge'])).toBe('long-edge');
    // Ambiguous or too short to mean anything: no guess.
    expect(closest('a', ['a4', 'a6', 'a7'])).toBeUndefined();
    expect(closest('edge', ['long-edge', 'short-edge'])).toBeUndefined();
  });

  it('does not pretend that unrelated words are typos', () => {
    expect(closest('k0', ['id', 'title'])).toBeUndefined();
    expect(closest('zzz', ['id', 'phase', 'title'])).toBeUndefined();
    expect(closest('exploitation', ['cadrage', 'realisation'])).toBeUndefined();
    expect(closest('anything', [])).toBeUndefined();
  });

  it('phrases the hint', () => {
    expect(didYouMean('vile', ['ville', 'agglo'])).toBe('did you mean `ville`?');
    expect(didYouMean('nothing-like', ['ville'])).toBeUndefined();
  });
});
