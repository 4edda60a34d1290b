/** A detected (discovered) app as `GET /deviceManagement/detectedApps` returns it; `publisher`/`platform` are newer fields. */
export interface DetectedApp {
  readonly id: string;
  readonly displayName?: string | null;
  readonly version?: string | null;
  readonly sizeInByte?: number;
  readonly deviceCount?: number;
  readonly publisher?: string | null;
  /** enum detectedAppPlatformType; open string because Graph adds members. */
  readonly platform?: string;
}
