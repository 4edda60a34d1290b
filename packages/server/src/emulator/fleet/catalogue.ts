/** What a company's Intune fleet is made of: models as Intune reports them, with their shares. */

export const PLATFORMS = ['windows', 'ios', 'ipados', 'android', 'macos'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const FORM_FACTORS = ['laptop', 'tablet', 'desktop', 'vm', 'cloudPc', 'phone'] as const;
export type FormFactor = (typeof FORM_FACTORS)[number];

export const SERIAL_STYLES = ['dell', 'hp', 'lenovo', 'lenovoDesktop', 'surface', 'vm', 'apple', 'samsung', 'pixel'] as const;
export type SerialStyle = (typeof SERIAL_STYLES)[number];

export interface ModelSpec {
  /** Share of the whole fleet, in percent. */
  readonly sharePct: number;
  readonly platform: Platform;
  readonly formFactor: FormFactor;
  readonly manufacturer: string;
  /** Model strings exactly as Intune shows them; one is picked per device (Lenovo reports machine types). */
  readonly models: readonly string[];
  /** Human product name (hardwareInformation.productName, device names). */
  readonly productName: string;
  readonly serialStyle: SerialStyle;
  readonly memoryGiB: readonly number[];
  readonly storageGB: readonly number[];
  readonly arm?: boolean;
  /** Chance the device is personally owned. */
  readonly personalShare: number;
}

export const MODEL_CATALOGUE: readonly ModelSpec[] = [
  // Windows laptops: 55 %
  { sharePct: 8, platform: 'windows', formFactor: 'laptop', manufacturer: 'Dell Inc.', models: ['Latitude 5440'], productName: 'Latitude 5440', serialStyle: 'dell', memoryGiB: [16, 16, 32], storageGB: [256, 512], personalShare: 0.01 },
  { sharePct: 6, platform: 'windows', formFactor: 'laptop', manufacturer: 'Dell Inc.', models: ['Latitude 7440'], productName: 'Latitude 7440', serialStyle: 'dell', memoryGiB: [16, 32], storageGB: [512], personalShare: 0.01 },
  { sharePct: 3, platform: 'windows', formFactor: 'laptop', manufacturer: 'Dell Inc.', models: ['Latitude 7640'], productName: 'Latitude 7640', serialStyle: 'dell', memoryGiB: [16, 32], storageGB: [512], personalShare: 0.01 },
  { sharePct: 2, platform: 'windows', formFactor: 'laptop', manufacturer: 'Dell Inc.', models: ['XPS 13 9340'], productName: 'XPS 13 9340', serialStyle: 'dell', memoryGiB: [16, 32], storageGB: [512, 1024], personalShare: 0.05 },
  { sharePct: 2, platform: 'windows', formFactor: 'laptop', manufacturer: 'Dell Inc.', models: ['Precision 5680'], productName: 'Precision 5680', serialStyle: 'dell', memoryGiB: [32, 64], storageGB: [1024], personalShare: 0.01 },
  { sharePct: 7, platform: 'windows', formFactor: 'laptop', manufacturer: 'HP', models: ['HP EliteBook 840 14 inch G10 Notebook PC'], productName: 'HP EliteBook 840 G10', serialStyle: 'hp', memoryGiB: [16, 32], storageGB: [256, 512], personalShare: 0.01 },
  { sharePct: 4, platform: 'windows', formFactor: 'laptop', manufacturer: 'HP', models: ['HP EliteBook 860 16 inch G10 Notebook PC'], productName: 'HP EliteBook 860 G10', serialStyle: 'hp', memoryGiB: [16, 32], storageGB: [512], personalShare: 0.01 },
  { sharePct: 4, platform: 'windows', formFactor: 'laptop', manufacturer: 'HP', models: ['HP ProBook 450 15.6 inch G10 Notebook PC'], productName: 'HP ProBook 450 G10', serialStyle: 'hp', memoryGiB: [8, 16], storageGB: [256, 512], personalShare: 0.02 },
  { sharePct: 2, platform: 'windows', formFactor: 'laptop', manufacturer: 'HP', models: ['HP ZBook Firefly 14 inch G10 Mobile Workstation PC'], productName: 'HP ZBook Firefly 14 G10', serialStyle: 'hp', memoryGiB: [32], storageGB: [1024], personalShare: 0.01 },
  { sharePct: 6, platform: 'windows', formFactor: 'laptop', manufacturer: 'LENOVO', models: ['21HDCTO1WW', '21HD003GUS', '21HES0B400', '21HECTO1WW'], productName: 'ThinkPad T14 Gen 4', serialStyle: 'lenovo', memoryGiB: [16, 32], storageGB: [512], personalShare: 0.01 },
  { sharePct: 4, platform: 'windows', formFactor: 'laptop', manufacturer: 'LENOVO', models: ['21HMCTO1WW', '21HM004GUS', '21HNS0K600'], productName: 'ThinkPad X1 Carbon Gen 11', serialStyle: 'lenovo', memoryGiB: [16, 32], storageGB: [512, 1024], personalShare: 0.01 },
  { sharePct: 3, platform: 'windows', formFactor: 'laptop', manufacturer: 'Microsoft Corporation', models: ['Surface Laptop 5'], productName: 'Surface Laptop 5', serialStyle: 'surface', memoryGiB: [8, 16], storageGB: [256, 512], personalShare: 0.03 },
  { sharePct: 3, platform: 'windows', formFactor: 'tablet', manufacturer: 'Microsoft Corporation', models: ['Surface Pro 9'], productName: 'Surface Pro 9', serialStyle: 'surface', memoryGiB: [8, 16], storageGB: [256], personalShare: 0.03 },
  { sharePct: 1, platform: 'windows', formFactor: 'tablet', manufacturer: 'Microsoft Corporation', models: ['Surface Go 3'], productName: 'Surface Go 3', serialStyle: 'surface', memoryGiB: [8], storageGB: [128], personalShare: 0.05 },
  // Windows desktops: 8 %
  { sharePct: 3, platform: 'windows', formFactor: 'desktop', manufacturer: 'Dell Inc.', models: ['OptiPlex 7010'], productName: 'OptiPlex 7010', serialStyle: 'dell', memoryGiB: [8, 16], storageGB: [256, 512], personalShare: 0 },
  { sharePct: 3, platform: 'windows', formFactor: 'desktop', manufacturer: 'HP', models: ['HP EliteDesk 800 G9 Desktop Mini PC'], productName: 'HP EliteDesk 800 G9', serialStyle: 'hp', memoryGiB: [16], storageGB: [512], personalShare: 0 },
  { sharePct: 2, platform: 'windows', formFactor: 'desktop', manufacturer: 'LENOVO', models: ['11T3S0QK00', '11T3CTO1WW'], productName: 'ThinkCentre M70q Gen 3', serialStyle: 'lenovoDesktop', memoryGiB: [8, 16], storageGB: [256], personalShare: 0 },
  // VMs and Cloud PCs: 3 %
  { sharePct: 1, platform: 'windows', formFactor: 'vm', manufacturer: 'Microsoft Corporation', models: ['Virtual Machine'], productName: 'Virtual Machine', serialStyle: 'vm', memoryGiB: [8, 16], storageGB: [128, 256], personalShare: 0 },
  { sharePct: 2, platform: 'windows', formFactor: 'cloudPc', manufacturer: 'Microsoft Corporation', models: ['Cloud PC Enterprise 2vCPU/8GB/128GB', 'Cloud PC Enterprise 4vCPU/16GB/256GB'], productName: 'Cloud PC', serialStyle: 'vm', memoryGiB: [8], storageGB: [128], personalShare: 0 },
  // iPhones: 12 %
  { sharePct: 3, platform: 'ios', formFactor: 'phone', manufacturer: 'Apple', models: ['iPhone 13'], productName: 'iPhone 13', serialStyle: 'apple', memoryGiB: [4], storageGB: [128], arm: true, personalShare: 0.3 },
  { sharePct: 4, platform: 'ios', formFactor: 'phone', manufacturer: 'Apple', models: ['iPhone 14', 'iPhone 14 Pro'], productName: 'iPhone 14', serialStyle: 'apple', memoryGiB: [6], storageGB: [128, 256], arm: true, personalShare: 0.3 },
  { sharePct: 5, platform: 'ios', formFactor: 'phone', manufacturer: 'Apple', models: ['iPhone 15', 'iPhone 15 Pro'], productName: 'iPhone 15', serialStyle: 'apple', memoryGiB: [6, 8], storageGB: [128, 256], arm: true, personalShare: 0.3 },
  // iPads: 5 %
  { sharePct: 3, platform: 'ipados', formFactor: 'tablet', manufacturer: 'Apple', models: ['iPad (9th generation)', 'iPad (10th generation)'], productName: 'iPad', serialStyle: 'apple', memoryGiB: [3, 4], storageGB: [64], arm: true, personalShare: 0.1 },
  { sharePct: 2, platform: 'ipados', formFactor: 'tablet', manufacturer: 'Apple', models: ['iPad Air (5th generation)', 'iPad Pro (11-inch) (4th generation)'], productName: 'iPad Air', serialStyle: 'apple', memoryGiB: [8], storageGB: [256], arm: true, personalShare: 0.1 },
  // Android phones: 8 %
  { sharePct: 5, platform: 'android', formFactor: 'phone', manufacturer: 'samsung', models: ['SM-S911B', 'SM-S911U', 'SM-S916B'], productName: 'Galaxy S23', serialStyle: 'samsung', memoryGiB: [8], storageGB: [128, 256], arm: true, personalShare: 0.45 },
  { sharePct: 3, platform: 'android', formFactor: 'phone', manufacturer: 'Google', models: ['Pixel 8', 'Pixel 8 Pro'], productName: 'Pixel 8', serialStyle: 'pixel', memoryGiB: [8, 12], storageGB: [128], arm: true, personalShare: 0.45 },
  // Android tablets: 2 %
  { sharePct: 2, platform: 'android', formFactor: 'tablet', manufacturer: 'samsung', models: ['SM-X710', 'SM-X200'], productName: 'Galaxy Tab S9', serialStyle: 'samsung', memoryGiB: [8], storageGB: [128], arm: true, personalShare: 0.15 },
  // Macs: 7 %
  { sharePct: 4, platform: 'macos', formFactor: 'laptop', manufacturer: 'Apple', models: ['MacBook Pro (14-inch, 2023)', 'MacBook Pro (14-inch, Nov 2023)'], productName: 'MacBook Pro', serialStyle: 'apple', memoryGiB: [16, 32], storageGB: [512, 1024], arm: true, personalShare: 0.03 },
  { sharePct: 3, platform: 'macos', formFactor: 'laptop', manufacturer: 'Apple', models: ['MacBook Air (M2, 2022)', 'MacBook Air (15-inch, M2, 2023)'], productName: 'MacBook Air', serialStyle: 'apple', memoryGiB: [8, 16], storageGB: [256, 512], arm: true, personalShare: 0.03 },
];

export const OS_VERSIONS: Readonly<Record<Platform, readonly (readonly [string, number])[]>> = {
  windows: [
    ['10.0.22631.4037', 30], ['10.0.22631.4169', 25], ['10.0.22631.3880', 10], ['10.0.26100.1742', 8],
    ['10.0.19045.4780', 15], ['10.0.19045.4651', 8], ['10.0.19044.3693', 4],
  ],
  ios: [['17.6.1', 40], ['17.5.1', 25], ['17.4.1', 10], ['16.7.10', 10], ['18.0', 15]],
  ipados: [['17.6.1', 40], ['17.5.1', 30], ['16.7.10', 30]],
  android: [['14', 60], ['13', 30], ['12', 10]],
  macos: [['14.6.1', 45], ['14.5', 25], ['13.6.9', 20], ['15.0', 10]],
};

export const OPERATING_SYSTEM_NAMES: Readonly<Record<Platform, string>> = {
  windows: 'Windows',
  ios: 'iOS',
  ipados: 'iPadOS',
  android: 'Android',
  macos: 'macOS',
};

export const GARBAGE_SERIALS: readonly string[] = [
  '', '0', 'Default string', 'To be filled by O.E.M.', 'System Serial Number', 'AAAAAAAA',
];

export const CARRIERS: readonly string[] = ['Verizon', 'AT&T', 'T-Mobile', 'Vodafone', 'EE'];
