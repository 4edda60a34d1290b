import type { Prng } from './prng.js';

export interface DetectedApp {
  id: string;
  displayName: string | null;
  version: string | null;
  sizeInByte: number;
  deviceCount: number;
  publisher: string | null;
  platform: string;
}

type AppRow = readonly [displayName: string, publisher: string, version: string, sizeMb: number, prevalence: number];

const WINDOWS_APPS: readonly AppRow[] = [
  ['Microsoft 365 Apps for enterprise - en-us', 'Microsoft Corporation', '16.0.17928.20156', 2900, 0.97],
  ['Microsoft Edge', 'Microsoft Corporation', '128.0.2739.67', 420, 0.99],
  ['Microsoft Teams', 'Microsoft Corporation', '24215.1007.3082.1590', 380, 0.95],
  ['Microsoft OneDrive', 'Microsoft Corporation', '24.161.0811.0001', 310, 0.96],
  ['Google Chrome', 'Google LLC', '128.0.6613.120', 480, 0.72],
  ['Mozilla Firefox (x64 en-US)', 'Mozilla', '130.0', 240, 0.18],
  ['Adobe Acrobat Reader DC', 'Adobe Inc.', '24.003.20054', 610, 0.64],
  ['Zoom Workplace (64-bit)', 'Zoom Video Communications, Inc.', '6.1.11.47451', 290, 0.41],
  ['Slack', 'Slack Technologies Inc.', '4.39.95', 330, 0.35],
  ['7-Zip 23.01 (x64)', 'Igor Pavlov', '23.01', 5, 0.38],
  ['Notepad++ (64-bit x64)', 'Notepad++ Team', '8.6.9', 14, 0.22],
  ['Visual Studio Code', 'Microsoft Corporation', '1.93.0', 380, 0.24],
  ['Git', 'The Git Development Community', '2.46.0', 320, 0.2],
  ['Python 3.12.5 (64-bit)', 'Python Software Foundation', '3.12.5150.0', 110, 0.12],
  ['Node.js', 'Node.js Foundation', '20.17.0', 95, 0.1],
  ['Docker Desktop', 'Docker Inc.', '4.34.0', 2100, 0.08],
  ['Postman x64', 'Postman', '11.10.0', 450, 0.09],
  ['JetBrains IntelliJ IDEA 2024.2', 'JetBrains s.r.o.', '242.20224.300', 2600, 0.05],
  ['Microsoft Visual C++ 2015-2022 Redistributable (x64)', 'Microsoft Corporation', '14.40.33810.0', 25, 0.93],
  ['Microsoft Visual C++ 2015-2022 Redistributable (x86)', 'Microsoft Corporation', '14.40.33810.0', 21, 0.9],
  ['Microsoft .NET Runtime - 8.0.8 (x64)', 'Microsoft Corporation', '64.32.21531', 75, 0.6],
  ['Microsoft Windows Desktop Runtime - 6.0.33 (x64)', 'Microsoft Corporation', '48.132.12367', 85, 0.45],
  ['Microsoft Update Health Tools', 'Microsoft Corporation', '5.72.0.0', 1, 0.94],
  ['Microsoft Intune Management Extension', 'Microsoft Corporation', '1.82.102.0', 60, 0.92],
  ['Windows PC Health Check', 'Microsoft Corporation', '3.7.2204.15001', 11, 0.5],
  ['Dell Command | Update for Windows Universal', 'Dell Inc.', '5.4.0', 120, 0.3],
  ['Dell SupportAssist', 'Dell Inc.', '4.4.0.15830', 260, 0.2],
  ['HP Wolf Security', 'HP Inc.', '4.5.12.2350', 340, 0.22],
  ['HP Support Assistant', 'HP Inc.', '9.33.24.0', 190, 0.18],
  ['Lenovo Vantage Service', 'Lenovo Group Ltd.', '4.1.54.0', 90, 0.14],
  ['Lenovo System Update', 'Lenovo', '5.08.03.59', 40, 0.1],
  ['Intel(R) Management Engine Components', 'Intel Corporation', '2406.5.5.0', 160, 0.35],
  ['Realtek Audio Driver', 'Realtek Semiconductor Corp.', '6.0.9606.1', 250, 0.3],
  ['Cisco Secure Client - AnyConnect VPN', 'Cisco Systems, Inc.', '5.1.4.74', 120, 0.45],
  ['GlobalProtect', 'Palo Alto Networks', '6.2.4', 90, 0.12],
  ['CrowdStrike Windows Sensor', 'CrowdStrike, Inc.', '7.17.18609.0', 210, 0.55],
  ['Company Portal', 'Microsoft Corporation', '11.2.1002.0', 70, 0.7],
  ['Microsoft Remote Help', 'Microsoft Corporation', '5.1.1419.0', 40, 0.15],
  ['Windows App', 'Microsoft Corporation', '1.2.3577', 90, 0.12],
  ['Power BI Desktop (x64)', 'Microsoft Corporation', '2.132.908.0', 900, 0.1],
  ['Microsoft Visio - en-us', 'Microsoft Corporation', '16.0.17928.20156', 0, 0.05],
  ['Microsoft Project - en-us', 'Microsoft Corporation', '16.0.17928.20156', 0, 0.03],
  ['Snagit 2024', 'TechSmith Corporation', '24.2.0.2906', 650, 0.04],
  ['WinSCP 6.3.4', 'Martin Prikryl', '6.3.4', 35, 0.05],
  ['PuTTY release 0.81 (64-bit)', 'Simon Tatham', '0.81.0.0', 5, 0.06],
  ['VLC media player', 'VideoLAN', '3.0.21', 170, 0.09],
];
const MAC_APPS: readonly AppRow[] = [
  ['Microsoft Outlook', 'Microsoft Corporation', '16.88', 2300, 0.95], ['Microsoft Teams', 'Microsoft Corporation', '24215.1007.3082.1590', 900, 0.92],
  ['Google Chrome', 'Google LLC', '128.0.6613.120', 1300, 0.7], ['Slack', 'Slack Technologies Inc.', '4.39.95', 500, 0.5],
  ['Zoom', 'Zoom Video Communications, Inc.', '6.1.11', 380, 0.45], ['Visual Studio Code', 'Microsoft Corporation', '1.93.0', 600, 0.45],
  ['Docker', 'Docker Inc.', '4.34.0', 2300, 0.2], ['iTerm2', 'George Nachman', '3.5.4', 90, 0.25],
  ['Company Portal', 'Microsoft Corporation', '5.2408.0', 110, 0.9], ['Microsoft Defender', 'Microsoft Corporation', '101.24072.0001', 500, 0.85],
  ['Figma', 'Figma, Inc.', '124.3.2', 420, 0.15], ['1Password 8', 'AgileBits Inc.', '8.10.44', 300, 0.3],
];
const IOS_APPS: readonly AppRow[] = [
  ['Microsoft Outlook', 'Microsoft Corporation', '4.2432.0', 350, 0.9], ['Microsoft Teams', 'Microsoft Corporation', '6.17.1', 290, 0.88],
  ['Microsoft Authenticator', 'Microsoft Corporation', '6.8.12', 180, 0.95], ['Intune Company Portal', 'Microsoft Corporation', '5.2407.1', 60, 0.9],
  ['Microsoft Edge', 'Microsoft Corporation', '128.2739.60', 320, 0.5], ['Microsoft OneDrive', 'Microsoft Corporation', '15.26.6', 290, 0.6],
  ['Slack', 'Slack Technologies Inc.', '24.08.20', 250, 0.4], ['Zoom Workplace', 'Zoom Video Communications, Inc.', '6.1.12', 200, 0.3],
  ['WhatsApp Messenger', 'WhatsApp Inc.', '24.17.78', 300, 0.35], ['Microsoft Defender', 'Microsoft Corporation', '1.1.52', 120, 0.4],
];
const ANDROID_APPS: readonly AppRow[] = [
  ['Microsoft Outlook', 'Microsoft Corporation', '4.2433.1', 250, 0.88], ['Microsoft Teams', 'Microsoft Corporation', '1416/1.0.0.2024162702', 300, 0.85],
  ['Microsoft Authenticator', 'Microsoft Corporation', '6.2408.5513', 120, 0.93], ['Intune Company Portal', 'Microsoft Corporation', '5.0.6309.0', 70, 0.92],
  ['Microsoft Edge', 'Microsoft Corporation', '128.0.2739.58', 400, 0.45], ['Google Chrome', 'Google LLC', '128.0.6613.99', 350, 0.8],
  ['Microsoft Defender', 'Microsoft Corporation', '1.0.6618.0101', 150, 0.4], ['Slack', 'Slack Technologies Inc.', '24.08.20.0', 180, 0.35],
  ['Zoom Workplace', 'Zoom Video Communications, Inc.', '6.1.12.23575', 220, 0.3],
];

const PLATFORM_APPS: readonly (readonly [string, string, readonly AppRow[]])[] = [
  ['windows', 'Windows', WINDOWS_APPS],
  ['macOS', 'macOS', MAC_APPS],
  ['ios', 'iOS', IOS_APPS],
  ['androidWorkProfile', 'Android', ANDROID_APPS],
];

/** The operatingSystem value a detectedApp platform belongs to. */
export const APP_PLATFORM_OS: Readonly<Record<string, readonly string[]>> = {
  windows: ['Windows'],
  macOS: ['macOS'],
  ios: ['iOS', 'iPadOS'],
  androidWorkProfile: ['Android'],
};

/** The discovered-app catalogue, with deviceCount from the number of devices on each platform. */
export function generateDetectedApps(prng: Prng, devicesByOs: ReadonlyMap<string, number>): DetectedApp[] {
  const apps: DetectedApp[] = [];
  for (const [platform, , rows] of PLATFORM_APPS) {
    const onPlatform = (APP_PLATFORM_OS[platform] ?? []).reduce((sum, os) => sum + (devicesByOs.get(os) ?? 0), 0);
    for (const [displayName, publisher, version, sizeMb, prevalence] of rows) {
      apps.push({
        id: prng.chars('0123456789abcdef', 44),
        displayName,
        version,
        sizeInByte: Math.round(sizeMb * 1_048_576 * (0.9 + prng.next() * 0.2)),
        deviceCount: Math.round(onPlatform * prevalence),
        publisher,
        platform,
      });
    }
  }
  return apps;
}
