import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
// In development the UI runs on Vite's server and reaches the engine started by `npm start`.
const engine = 'http://127.0.0.1:3000';

export default defineConfig({
  root,
  plugins: [react()],
  build: { outDir: fileURLToPath(new URL('../dist/ui', import.meta.url)), emptyOutDir: true },
  server: { proxy: { '/v1': engine, '/health': engine, '/docs': engine } },
});
