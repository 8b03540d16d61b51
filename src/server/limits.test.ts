import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, LimitsError, limitsFromEnv, resolveLimits } from './limits.js';

describe('limits', () => {
  it('takes overrides from SIGNAL_LIMITS and stops at a typo or a bad value', () => {
    expect(limitsFromEnv(undefined)).toEqual(DEFAULT_LIMITS);
    expect(limitsFromEnv('{"maxConnectionsPerIp":1000}').maxConnectionsPerIp).toBe(1000);
    for (const bad of ['{"maxConnectionPerIp":5}', '{"maxTopics":0}', '{"maxTopics":1.5}', '{"maxTopics":"9"}', '[1]', 'maxTopics=3']) {
      expect(() => limitsFromEnv(bad), bad).toThrow(LimitsError);
    }
    expect(() => resolveLimits({ maxPayloadBytes: 1_000, byteBurst: 999 })).toThrow(/byteBurst/);
  });
});
