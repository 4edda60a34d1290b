const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

function isInt(text: string, min: number, max: number): boolean {
  if (!/^\d{1,2}$/.test(text)) return false;
  const n = Number(text);
  return n >= min && n <= max;
}

function pad(n: number): string {
  return n.toString().padStart(2, '0');
}

function step(text: string, min: number, max: number): number | null {
  const match = /^\*\/(\d{1,2})$/.exec(text);
  if (match === null) return null;
  const n = Number(match[1]);
  return n >= min && n <= max ? n : null;
}

function timesOf(minute: string, hours: string): string | null {
  if (!isInt(minute, 0, 59)) return null;
  const list = hours.split(',');
  if (!list.every((h) => isInt(h, 0, 23))) return null;
  const times = list.map((h) => `${pad(Number(h))}:${pad(Number(minute))}`);
  if (times.length === 1) return times[0] ?? null;
  return `${times.slice(0, -1).join(', ')} and ${times[times.length - 1] ?? ''}`;
}

function daysOfWeek(field: string): string | null {
  if (field === '1-5') return 'every weekday (Monday to Friday)';
  if (field === '0,6' || field === '6,0') return 'every Saturday and Sunday';
  const list = field.split(',');
  if (!list.every((d) => isInt(d, 0, 7))) return null;
  const names = list.map((d) => DAY_NAMES[Number(d) % 7] ?? d);
  if (names.length === 1) return `every ${names[0] ?? ''}`;
  return `every ${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
}

function ordinal(n: number): string {
  const rest = n % 100;
  if (rest >= 11 && rest <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

/**
 * A sentence for the common 5-field cron patterns (daily, weekdays, weekly, monthly, every n minutes or hours);
 * null for anything else, which the page shows as "custom schedule" next to the server's next runs.
 *
 * @example
 * describeCron('0 2 * * *'); // 'Every day at 02:00'
 * describeCron('30 6 * * 1-5'); // 'Every weekday (Monday to Friday) at 06:30'
 */
export function describeCron(cron: string): string | null {
  const parts = cron.trim().split(/\s+/);
  if (parts.length !== 5) return null;
  const [minute, hour, dayOfMonth, month, dayOfWeek] = parts as [string, string, string, string, string];
  if (month !== '*') return null;
  if (dayOfMonth === '*' && dayOfWeek === '*') {
    if (minute === '*' && hour === '*') return 'Every minute';
    const minuteStep = step(minute, 1, 59);
    if (minuteStep !== null && hour === '*') return minuteStep === 1 ? 'Every minute' : `Every ${minuteStep} minutes`;
    if (hour === '*' && isInt(minute, 0, 59)) return `Every hour at minute ${Number(minute)}`;
    const hourStep = step(hour, 1, 23);
    if (hourStep !== null && isInt(minute, 0, 59)) {
      return hourStep === 1 ? `Every hour at minute ${Number(minute)}` : `Every ${hourStep} hours at minute ${Number(minute)}`;
    }
    const times = timesOf(minute, hour);
    return times === null ? null : `Every day at ${times}`;
  }
  const times = timesOf(minute, hour);
  if (times === null) return null;
  if (dayOfMonth === '*') {
    const days = daysOfWeek(dayOfWeek);
    return days === null ? null : `${days.charAt(0).toUpperCase()}${days.slice(1)} at ${times}`;
  }
  if (dayOfWeek === '*' && isInt(dayOfMonth, 1, 31)) return `On the ${ordinal(Number(dayOfMonth))} of every month at ${times}`;
  return null;
}
