import { describe, expect, it } from 'vitest';
import { describeCron } from './cron-description.js';

describe('describeCron', () => {
  it.each([
    ['0 2 * * *', 'Every day at 02:00'],
    ['  15 18 * * *  ', 'Every day at 18:15'],
    ['0 6,12,18 * * *', 'Every day at 06:00, 12:00 and 18:00'],
    ['30 6 * * 1-5', 'Every weekday (Monday to Friday) at 06:30'],
    ['0 3 * * 0', 'Every Sunday at 03:00'],
    ['0 3 * * 7', 'Every Sunday at 03:00'],
    ['0 3 * * 1,3', 'Every Monday and Wednesday at 03:00'],
    ['0 8 * * 6,0', 'Every Saturday and Sunday at 08:00'],
    ['0 4 1 * *', 'On the 1st of every month at 04:00'],
    ['0 4 22 * *', 'On the 22nd of every month at 04:00'],
    ['0 4 13 * *', 'On the 13th of every month at 04:00'],
    ['*/15 * * * *', 'Every 15 minutes'],
    ['* * * * *', 'Every minute'],
    ['5 * * * *', 'Every hour at minute 5'],
    ['0 */4 * * *', 'Every 4 hours at minute 0'],
  ])('%s → %s', (cron, sentence) => {
    expect(describeCron(cron)).toBe(sentence);
  });

  it.each([
    ['0 2 * 1 *', 'a month restriction'],
    ['0 0 2 * * *', 'six fields (seconds)'],
    ['61 2 * * *', 'an out-of-range minute'],
    ['0 25 * * *', 'an out-of-range hour'],
    ['0 2 1 * 1', 'both day of month and day of week'],
    ['0 2 L * *', 'a non-standard token'],
    ['', 'an empty text'],
  ])('%s (%s) has no sentence', (cron) => {
    expect(describeCron(cron)).toBeNull();
  });
});
