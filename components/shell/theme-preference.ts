// The builder's colour theme: a preference (System / Light / Dark) kept in localStorage, resolved against the
// system setting into the `dark` class on <html> that app/globals.css keys the dark palette on. Pure, and free of
// React, so the root layout (a server component) can inline the script and tests can run it.

export const THEME_STORAGE_KEY = "switchyard-theme";
export const DARK_QUERY = "(prefers-color-scheme: dark)";
export const THEME_PREFERENCES = ["system", "light", "dark"] as const;
export type TThemePreference = (typeof THEME_PREFERENCES)[number];
export type TResolvedTheme = "light" | "dark";

/** Anything other than an explicit choice, a missing or a stale value included, means "follow the system". */
export function parseThemePreference(stored: string | null | undefined): TThemePreference {
  return stored === "light" || stored === "dark" ? stored : "system";
}

export function resolveTheme(preference: TThemePreference, systemPrefersDark: boolean): TResolvedTheme {
  if (preference === "system") return systemPrefersDark ? "dark" : "light";
  return preference;
}

/**
 * Runs in <head> before the body is parsed, so the first paint already has the right palette. It keeps running:
 * it re-applies when the system setting changes and when another tab changes the preference. It repeats
 * parseThemePreference and resolveTheme in plain ES5 because it is a string; theme-preference.test.ts runs it
 * against them. Storage can throw (blocked cookies), which leaves the system setting in charge.
 */
export const THEME_SCRIPT = `(function(){try{var k=${JSON.stringify(THEME_STORAGE_KEY)},m=window.matchMedia(${JSON.stringify(DARK_QUERY)});function a(){var p=null;try{p=window.localStorage.getItem(k)}catch(e){}document.documentElement.classList.toggle("dark",p==="dark"||(p!=="light"&&m.matches))}a();m.addEventListener("change",a);window.addEventListener("storage",function(e){if(e.key===k)a()})}catch(e){}})();`;
