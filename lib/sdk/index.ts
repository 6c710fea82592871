// The SDK as an ES module: `import { switchyard } from ".../sdk.mjs"`, then
// `await switchyard.authenticate(projectId, userToken)`, then `await switchyard.event(name, payload)` or
// `await switchyard.workflow(workflowId, { body, query, headers })`.
import { createSwitchyard } from "./client";

export { createSwitchyard, SwitchyardError } from "./client";
export type {
  TAuthenticateOptions,
  TCreateSwitchyardOptions,
  TEventOptions,
  TEventResult,
  TEventRun,
  TWorkflowOptions,
  TSwitchyard,
  TSwitchyardErrorCode,
} from "./client";

/** The default instance; it talks to the page's origin unless `authenticate` is given a baseUrl. */
export const switchyard = createSwitchyard();
