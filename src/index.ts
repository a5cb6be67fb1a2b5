// The bot from dist/src (tsc's output, unbundled): profiling by module (bench/profile.ts). `npm start` runs the bundle
// through src/boot/start.ts instead.
import { run } from './main.js';

run();
