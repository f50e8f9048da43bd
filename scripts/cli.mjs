// `npm run cli -- …`: runs the bundled CLI, building it first when a source is newer (scripts/cli-bundle.mjs).
import { pathToFileURL } from 'node:url';
import { CLI_BUNDLE, buildCliBundle, cliBundleFresh } from './cli-bundle.mjs';

if (!cliBundleFresh()) await buildCliBundle();
await import(pathToFileURL(CLI_BUNDLE).href);
