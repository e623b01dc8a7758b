#!/usr/bin/env node
/** socfeed command-line entry point (placeholder until the CLI lands). */
console.log('socfeed');
