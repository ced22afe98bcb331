#!/usr/bin/env node
// The `newsdesk` command. The sources are TypeScript run through tsx, so `npm install` is the
// whole build: nothing is compiled ahead, and `npx newsdesk` works right after the install.
import { register } from "tsx/esm/api";

register();
await import("../src/cli.ts");
