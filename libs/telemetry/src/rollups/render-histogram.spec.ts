import { medianFromHistogram, RENDER_BUCKET_EDGES, RENDER_BUCKETS } from './render-histogram';

/** A histogram of `values` over the edges (the bucketing itself is tested against PostgreSQL). */
const histogramOf = (values: number[]) => {
  const histogram = new Array(RENDER_BUCKETS).fill(0);
  for (const value of values) histogram[RENDER_BUCKET_EDGES.filter((edge) => value >= edge).length - 1]++;
  return histogram;
};

describe('render-time histogram', () => {
  it('has increasing, log-spaced edges starting at 0', () => {
    expect(RENDER_BUCKET_EDGES[0]).toBe(0);
    for (let i = 2; i < RENDER_BUCKETS; i++) {
      const ratio = RENDER_BUCKET_EDGES[i] / RENDER_BUCKET_EDGES[i - 1];
      expect(ratio).toBeGreaterThanOrEqual(4 / 3);
      expect(ratio).toBeLessThanOrEqual(2);
    }
    expect(Object.isFrozen(RENDER_BUCKET_EDGES)).toBe(true);
  });

  it('interpolates the median inside the bucket holding the middle rank', () => {
    // four values in [2, 3): the middle rank is half way through the bucket
    expect(medianFromHistogram(histogramOf([2, 2.2, 2.5, 2.9]))).toBe(2.5);
    // one value below, three in [8, 12): the middle rank (2) is a third of the way into [8, 12)
    expect(medianFromHistogram(histogramOf([1, 8, 9, 11]))).toBeCloseTo(8 + (1 / 3) * 4, 10);
    // the middle falls exactly at the end of a bucket: its upper edge
    expect(medianFromHistogram(histogramOf([1, 1.2, 20, 30]))).toBe(1.5);
  });

  it('lands close to the true median of a spread of values', () => {
    const values = Array.from({ length: 1001 }, (_, i) => 0.5 + i * 0.37);
    const exact = values[500];
    const estimate = medianFromHistogram(histogramOf(values)) as number;
    expect(Math.abs(estimate - exact) / exact).toBeLessThan(0.05);
  });

  it('answers the lower edge of the open last bucket, and null without data', () => {
    expect(medianFromHistogram(histogramOf([5000, 9000]))).toBe(4096);
    expect(medianFromHistogram(new Array(RENDER_BUCKETS).fill(0))).toBeNull();
    expect(medianFromHistogram(null)).toBeNull();
    expect(medianFromHistogram([])).toBeNull();
  });
});
