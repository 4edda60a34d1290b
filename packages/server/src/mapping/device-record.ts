import type { ManagedDevice } from '../domain/managed-device.js';

/** A device as the expression evaluator reads it: a record keyed by Graph field names. */
export function deviceRecord(device: ManagedDevice): Readonly<Record<string, unknown>> {
  // ManagedDevice is an interface (no index signature); every key it has is a Graph field name.
  return device as unknown as Readonly<Record<string, unknown>>;
}
