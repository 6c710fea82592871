// The script-tag form (/sdk.js): `<script src="https://<switchyard>/sdk.js"></script>` defines
// `window.switchyard`, which talks to the origin the script was loaded from.
import { createSwitchyard, SwitchyardError, type TSwitchyard } from "./client";

declare global {
  interface Window {
    switchyard: TSwitchyard & { SwitchyardError: typeof SwitchyardError };
  }
}

// Only readable while this script first runs, so it is read here, once.
const script = typeof document !== "undefined" ? document.currentScript : null;
const scriptSrc = script && "src" in script ? script.src : "";
const scriptOrigin = scriptSrc ? new URL(scriptSrc).origin : undefined;

// Loaded twice, the first copy stays, and with it the user the page already authenticated.
if (!window.switchyard) {
  window.switchyard = Object.assign(createSwitchyard({ baseUrl: scriptOrigin }), { SwitchyardError });
}
