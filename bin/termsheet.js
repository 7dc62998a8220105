#!/usr/bin/env node
// The termsheet command: a thin launcher for the bundled CLI in dist/.
import "../dist/cli.js";
