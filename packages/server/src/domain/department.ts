import type { IsoTimestamp } from './timestamp.js';

/** The tenant of the register ("organisation" in Halo); every record belongs to one. */
export interface Department {
  readonly id: string;
  readonly name: string;
  readonly isDefault: boolean;
  readonly createdAt: IsoTimestamp;
}
