// js-yaml is already installed (graphile-worker → cosmiconfig) and ships no types; the deploy test needs only `load`.
declare module "js-yaml" {
  export function load(text: string): unknown;
}
