import { describe, expect, it } from "vitest";
import { parseThemePreference, resolveTheme, THEME_SCRIPT, THEME_STORAGE_KEY } from "./theme-preference";

/** Runs THEME_SCRIPT against a fake page: a stored value, a system setting, and listeners the test can fire. */
function runScript(options: { stored: string | null; systemDark: boolean; storageThrows?: boolean }) {
  const classes = new Set<string>();
  const listeners: Record<string, ((event: { key?: string }) => void)[]> = {};
  const media = { matches: options.systemDark, addEventListener: (_type: string, listener: () => void) => (listeners.media ??= []).push(listener) };
  const store = new Map<string, string>(options.stored === null ? [] : [[THEME_STORAGE_KEY, options.stored]]);
  const window = {
    matchMedia: () => media,
    localStorage: {
      getItem: (key: string) => {
        if (options.storageThrows) throw new Error("SecurityError");
        return store.get(key) ?? null;
      },
    },
    addEventListener: (type: string, listener: (event: { key?: string }) => void) => (listeners[type] ??= []).push(listener),
  };
  const document = { documentElement: { classList: { toggle: (name: string, on: boolean) => (on ? classes.add(name) : classes.delete(name)) } } };
  new Function("window", "document", THEME_SCRIPT)(window, document);
  return {
    isDark: () => classes.has("dark"),
    setSystemDark(dark: boolean) {
      media.matches = dark;
      for (const listener of listeners.media ?? []) listener({});
    },
    storeInAnotherTab(value: string | null) {
      if (value === null) store.delete(THEME_STORAGE_KEY);
      else store.set(THEME_STORAGE_KEY, value);
      for (const listener of listeners.storage ?? []) listener({ key: THEME_STORAGE_KEY });
    },
  };
}

describe("theme preference", () => {
  it.each([
    [null, "system"],
    ["light", "light"],
    ["dark", "dark"],
    ["system", "system"],
    ["Dark", "system"],
    ["", "system"],
  ] as const)("reads the stored %j as %s", (stored, expected) => {
    expect(parseThemePreference(stored)).toBe(expected);
  });

  it.each([
    ["system", false, "light"],
    ["system", true, "dark"],
    ["light", true, "light"],
    ["dark", false, "dark"],
  ] as const)("resolves %s with the system dark=%s to %s", (preference, systemDark, expected) => {
    expect(resolveTheme(preference, systemDark)).toBe(expected);
  });

  it.each([null, "light", "dark", "system", "garbage"])("the inline script agrees with resolveTheme for the stored %j", (stored) => {
    for (const systemDark of [false, true]) {
      const page = runScript({ stored, systemDark });
      const expected = resolveTheme(parseThemePreference(stored), systemDark);
      expect(page.isDark()).toBe(expected === "dark");
    }
  });

  it("the inline script follows a change of the system setting, unless the builder chose", () => {
    const following = runScript({ stored: null, systemDark: false });
    following.setSystemDark(true);
    expect(following.isDark()).toBe(true);
    const chosen = runScript({ stored: "light", systemDark: false });
    chosen.setSystemDark(true);
    expect(chosen.isDark()).toBe(false);
  });

  it("the inline script applies a preference changed in another tab", () => {
    const page = runScript({ stored: null, systemDark: false });
    page.storeInAnotherTab("dark");
    expect(page.isDark()).toBe(true);
    page.storeInAnotherTab(null);
    expect(page.isDark()).toBe(false);
  });

  it("the inline script falls back to the system setting when storage is blocked", () => {
    expect(runScript({ stored: "light", systemDark: true, storageThrows: true }).isDark()).toBe(true);
  });
});
