import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The UI is built once into dist/ and served by `intune-assets serve` from the same origin as the API, so
// session cookies stay SameSite=Strict and no CORS is needed. `npm run dev -w @intune-assets/web` proxies the API.
export default defineConfig({
  plugins: [react()],
  // '_app', not Vite's default 'assets': /assets is a page of the UI.
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, assetsDir: '_app' },
  server: { proxy: { '/api': process.env.INTUNE_ASSETS_API ?? 'http://127.0.0.1:8080' } },
});
