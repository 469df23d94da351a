// `npm start`: install what is missing, then hand over to scripts/run/start.ts.
import { ensureInstalled, runTypeScript } from "./ensure-install.mjs";

ensureInstalled();
runTypeScript("scripts/run/start.ts", process.argv.slice(2));
