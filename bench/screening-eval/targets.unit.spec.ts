import { summaryRows } from './targets';

describe('eval targets: index memory', () => {
  // The index's compact parts are typed arrays, kept outside V8's heap: the size target counts both (README: ~1.4 KB
  // per listed name, heap and typed arrays).
  const row = (indexHeapMb: number, indexArrayBuffersMb: number) =>
    summaryRows({ size: { indexHeapMb, indexArrayBuffersMb, buildMs: 1 } }).find((r) => r.id === 'size.memory')!;

  it('judges the heap and the typed arrays together against 50 MB', () => {
    expect(row(30, 25)).toMatchObject({ value: 55, result: 'NOT MET' });
    expect(row(28.5, 20.7)).toMatchObject({ result: 'met' });
    expect(row(28.5, 20.7).shown).toBe('49.2 MB');
  });
});
