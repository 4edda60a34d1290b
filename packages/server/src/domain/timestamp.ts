/** An instant as ISO-8601 UTC with milliseconds (`2024-05-01T09:30:00.000Z`); fixed width, so it sorts as text. */
export type IsoTimestamp = string;

export function toIsoTimestamp(value: Date | string | number): IsoTimestamp {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new Error(`not a valid timestamp: ${JSON.stringify(String(value))}`);
  return date.toISOString();
}
