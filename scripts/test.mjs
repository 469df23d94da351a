// `npm test`: install what is missing, then hand over to scripts/run/test.ts.
import { ensureInstalled, runTypeScript } from "./ensure-install.mjs";

ensureInstalled();
runTypeScript("scripts/run/test.ts", process.argv.slice(2));
