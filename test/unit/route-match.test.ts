import { describe, expect, it } from 'vitest';
import { routeMatcher } from '../../functions/shared/route-match.ts';

const match = routeMatcher([
  { method: 'GET', path: '/surveys/{id}' },
  { method: 'GET', path: '/surveys/open' },
  { method: 'PATCH', path: '/surveys/{id}' },
  { method: 'GET', path: '/regions' },
]);

describe('routeMatcher', () => {
  it('prefers a literal segment over a parameter', () => {
    expect(match('GET', '/surveys/open')).toMatchObject({ kind: 'found', route: { path: '/surveys/open' } });
    expect(match('GET', '/surveys/01J')).toMatchObject({ kind: 'found', params: { id: '01J' } });
  });

  it('decodes path parameters', () => {
    expect(match('GET', '/surveys/a%20b')).toMatchObject({ params: { id: 'a b' } });
    expect(match('GET', '/surveys/%E0%A4%A')).toMatchObject({ params: { id: '%E0%A4%A' } });
  });

  it('lists the allowed methods when only the method is wrong', () => {
    expect(match('DELETE', '/surveys/x')).toEqual({ kind: 'wrong-method', allow: ['GET', 'PATCH'] });
  });

  it('finds nothing for unknown paths', () => {
    expect(match('GET', '/nope')).toEqual({ kind: 'not-found' });
    expect(match('GET', '/regions/x/y')).toEqual({ kind: 'not-found' });
  });
});
