// How fast the emulator generates a fleet, and what a 1000-device page costs to serialise.
// Run: node --import tsx packages/server/bench/emulator-generate.bench.ts [devices]   (default 100000)
import { generateFleet } from '../src/emulator/fleet/generate-fleet.js';

const devices = Number(process.argv[2] ?? 100_000);
const heapBefore = process.memoryUsage().heapUsed;
const started = performance.now();
const fleet = generateFleet({ devices, seed: 1, nowMs: Date.UTC(2025, 0, 1) });
const ms = Math.round(performance.now() - started);
const heapMb = Math.round((process.memoryUsage().heapUsed - heapBefore) / 1e6);
const pageStarted = performance.now();
const page = JSON.stringify({ value: fleet.devices.slice(0, 1000) });
const pageMs = Math.round((performance.now() - pageStarted) * 10) / 10;
console.log(
  JSON.stringify({
    bench: 'emulator-generate',
    devices: fleet.devices.length,
    ms,
    devicesPerSec: Math.round(fleet.devices.length / (ms / 1000)),
    users: fleet.users.length,
    heapMb,
    page1000Ms: pageMs,
    page1000Bytes: page.length,
  }),
);
