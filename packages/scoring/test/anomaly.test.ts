/**
 * Anomaly flags: reference cases worked by hand (the arithmetic is in the comments), not the
 * detector's own output.
 */
import { describe, expect, it } from 'vitest';
import { detectAnomaly, type SeriesPoint } from '../src/index';

const series = (values: number[], start = 1): SeriesPoint[] =>
  values.map((value, i) => ({ observedAt: `2026-${String(start + i).padStart(2, '0')}-01`, value }));

describe('detectAnomaly', () => {
  // Additive series 10, 12, 11, 13, 12: changes +2, −1, +2, −1 → median 0.5; |change − 0.5| = 1.5 each
  // → MAD 1.5, robust sd 1.4826 · 1.5 = 2.2239; median of the last five values 12, floor 25 % of it = 3.
  const elo = series([10, 12, 11, 13, 12]);

  it('flags a jump beyond 4 robust standard deviations, with the robust z-score and a reason', () => {
    // 30 − 12 = 18 → |18 − 0.5| = 17.5 > 4 · 2.2239 = 8.90 → z = 17.5 / 2.2239 = 7.87.
    expect(
      detectAnomaly(elo, { observedAt: '2026-06-01', value: 30 }, { scale: 'additive', label: 'Elo' }),
    ).toEqual({
      score: 7.87,
      reason: 'Elo 30: 18 from the median of the last 5 observations (12)',
      basis: 'series',
    });
  });

  it('lets an ordinary change through', () => {
    // 16 − 12 = 4 → |4 − 0.5| = 3.5 < 8.90.
    expect(
      detectAnomaly(elo, { observedAt: '2026-06-01', value: 16 }, { scale: 'additive', label: 'Elo' }),
    ).toBeNull();
  });

  it('needs more than the floor on a steady series (MAD 0)', () => {
    const steady = series([100, 100, 100, 100]);
    // Floor 25 % of 100 = 25: +10 passes, +30 is flagged (z is infinite: reported as 999).
    expect(
      detectAnomaly(steady, { observedAt: '2026-06-01', value: 110 }, { scale: 'additive', label: 'score' }),
    ).toBeNull();
    expect(
      detectAnomaly(steady, { observedAt: '2026-06-01', value: 130 }, { scale: 'additive', label: 'score' })
        ?.score,
    ).toBe(999);
  });

  it('measures counts on the log scale and names the ratio to the recent median', () => {
    // Downloads 1000, 1100, 1210, 1331 (+10 % a month); median of the four 1155.
    // 14,000: (1 + 14000) / (1 + 1155) = 12.11 → "12×"; the change ln(14001/1332) = 2.35 is far
    // beyond the floor ln 3 = 1.10 and the series' near-zero spread.
    const downloads = series([1000, 1100, 1210, 1331]);
    const flagged = detectAnomaly(
      downloads,
      { observedAt: '2026-06-01', value: 14_000 },
      { scale: 'multiplicative', label: 'downloads' },
    );
    expect(flagged?.reason).toBe('downloads 14,000: 12× the median of the last 4 observations (1,155)');
    expect(flagged?.score).toBeGreaterThan(4);
    // 2.5× the last value: ln(3331/1332) = 0.92 < ln 3 = 1.10, so not flagged however steady the series.
    expect(
      detectAnomaly(
        downloads,
        { observedAt: '2026-06-01', value: 3330 },
        { scale: 'multiplicative', label: 'downloads' },
      ),
    ).toBeNull();
    // A collapse: (1 + 50) / (1 + 1155) = 1/22.7 → "1/23 of".
    expect(
      detectAnomaly(
        downloads,
        { observedAt: '2026-06-01', value: 50 },
        { scale: 'multiplicative', label: 'downloads' },
      )?.reason,
    ).toBe('downloads 50: 1/23 of the median of the last 4 observations (1,155)');
  });

  it('judges a short series by the peers’ changes', () => {
    // Peers' changes 0.1, 0.2, −0.1, 0.05 → median 0.075; deviations 0.025, 0.125, 0.175, 0.025 →
    // MAD 0.075, robust sd 0.1112. Stars 100 → 5000: change ln(5001/101) = 3.9023, distance 3.8273,
    // z = 3.8273 / 0.1112 = 34.42; ratio 5001/101 = 49.5 → "50×"; exp(0.075) = 1.078 → "1.08×".
    const anomaly = detectAnomaly(
      [{ observedAt: '2026-01-01', value: 100 }],
      { observedAt: '2026-02-01', value: 5000 },
      { scale: 'multiplicative', label: 'stars', peerChanges: [0.1, 0.2, -0.1, 0.05] },
    );
    expect(anomaly).toEqual({
      score: 34.42,
      reason:
        'stars 5,000: 50× the previous value (100, 2026-01-01), where the other projects changed by a median of 1.08× (4 projects)',
      basis: 'peers',
    });
  });

  it('says nothing without a basis: no earlier value, or a short series and too few peers', () => {
    const opts = { scale: 'multiplicative' as const, label: 'stars', peerChanges: [0.1, 0.2] };
    expect(detectAnomaly([], { observedAt: '2026-02-01', value: 5000 }, opts)).toBeNull();
    expect(detectAnomaly(series([1, 2]), { observedAt: '2026-06-01', value: 5000 }, opts)).toBeNull();
    // Points on or after the candidate's date are not history.
    expect(
      detectAnomaly(
        series([10, 12, 11, 13, 12], 6),
        { observedAt: '2026-06-01', value: 30 },
        {
          scale: 'additive',
          label: 'Elo',
        },
      ),
    ).toBeNull();
  });
});
