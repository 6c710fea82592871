// React's view of the colour theme. The truth is the `dark` class on <html> (set by THEME_SCRIPT before the first
// paint) and the preference in localStorage; these hooks subscribe to both rather than keeping a copy in context.
import { useCallback, useSyncExternalStore } from "react";
import { DARK_QUERY, parseThemePreference, resolveTheme, THEME_STORAGE_KEY, type TResolvedTheme, type TThemePreference } from "./theme-preference";

// localStorage's own "storage" event only reaches other tabs; this one tells this tab's toggles.
const CHANGE_EVENT = "switchyard-theme-change";

function readPreference(): TThemePreference {
  try {
    return parseThemePreference(window.localStorage.getItem(THEME_STORAGE_KEY));
  } catch {
    return "system";
  }
}

function subscribePreference(onChange: () => void): () => void {
  window.addEventListener("storage", onChange);
  window.addEventListener(CHANGE_EVENT, onChange);
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(CHANGE_EVENT, onChange);
  };
}

function writePreference(preference: TThemePreference) {
  try {
    if (preference === "system") window.localStorage.removeItem(THEME_STORAGE_KEY);
    else window.localStorage.setItem(THEME_STORAGE_KEY, preference);
  } catch {
    // Storage is blocked: the choice still applies to this page, it just is not remembered.
  }
  const dark = resolveTheme(preference, window.matchMedia(DARK_QUERY).matches) === "dark";
  document.documentElement.classList.toggle("dark", dark);
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

/** The stored preference and a setter that remembers it and applies it at once. "system" on the server. */
export function useThemePreference(): [TThemePreference, (preference: TThemePreference) => void] {
  const preference = useSyncExternalStore(subscribePreference, readPreference, () => "system" as const);
  const setPreference = useCallback((next: TThemePreference) => writePreference(next), []);
  return [preference, setPreference];
}

function readResolved(): TResolvedTheme {
  return document.documentElement.classList.contains("dark") ? "dark" : "light";
}

function subscribeResolved(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
  return () => observer.disconnect();
}

/** Light or dark as the page shows it now, following the toggle and, on "system", the OS. "light" on the server. */
export function useResolvedTheme(): TResolvedTheme {
  return useSyncExternalStore(subscribeResolved, readResolved, () => "light" as const);
}
