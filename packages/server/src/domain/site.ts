/** Site → location → store / floor: where an asset physically is. */
export interface Site {
  readonly id: string;
  readonly departmentId: string;
  readonly name: string;
}

export interface Location {
  readonly id: string;
  readonly siteId: string;
  readonly name: string;
}

export interface Store {
  readonly id: string;
  readonly locationId: string;
  readonly name: string;
}

export interface Floor {
  readonly id: string;
  readonly locationId: string;
  readonly name: string;
}
