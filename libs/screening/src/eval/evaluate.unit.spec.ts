import { DEFAULT_THRESHOLD } from '../matching/screening-index';
import { lists } from '../test-support/shared-index';
import { binaryMetrics, evaluateUn, scorePairs } from './evaluate';

describe('evaluation sets (data/eval)', () => {
  it('company/vessel pairs: accuracy ≥ 0.90 at the default threshold (other engine: ~0.64)', () => {
    const m = binaryMetrics(scorePairs(lists.index2024().stats), DEFAULT_THRESHOLD);
    expect(m.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(m.precision).toBeGreaterThanOrEqual(0.93);
    expect(m.recall).toBeGreaterThanOrEqual(0.8);
  });

  it('UN perturbed names find their original first; few false positives', () => {
    const [u] = evaluateUn([DEFAULT_THRESHOLD]);
    expect(u!.recallAt1).toBeGreaterThanOrEqual(0.96);
    expect(u!.perturbedRecallAt1).toBeGreaterThanOrEqual(0.85);
    expect(u!.falsePositiveRate).toBeLessThanOrEqual(0.02);
  });
});
