// Types of electron-builder.config.mjs for the TypeScript tests.
import type { Configuration } from 'electron-builder';

declare const config: Configuration;
export default config;
