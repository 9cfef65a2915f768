import { describe, expect, it } from 'vitest';
import document from '../../docs/openapi.json' with { type: 'json' };
import { documentOperations, uncoveredOperations } from '../contract/client-coverage.ts';

describe('the e2e check that every operation is called through the typed client', () => {
  const all = documentOperations(document);

  it('knows every operation of the document by its operationId', () => {
    expect(all.get('getHealth')).toBe('GET /health');
    expect(all.get('updateBusiness')).toBe('PATCH /businesses/{id}');
    expect(all.size).toBe(
      Object.values(document.paths).flatMap((item) => Object.values(item as object)).length,
    );
  });

  it('names an operation no test called, and nothing once all are called', () => {
    const called = new Set(all.keys());
    called.delete('getRegion');
    expect(uncoveredOperations(document, called, [])).toEqual(['getRegion (GET /regions/{code})']);
    expect(uncoveredOperations(document, new Set(all.keys()), [])).toEqual([]);
  });

  it('leaves out only the routes listed as pending, by path prefix', () => {
    const called = new Set([...all.keys()].filter((id) => !all.get(id)?.includes(' /regions')));
    expect(uncoveredOperations(document, called, ['/regions'])).toEqual([]);
    expect(uncoveredOperations(document, called, ['/region/'])).toHaveLength(2);
  });
});
