export type ClassValue = string | false | null | undefined;

/**
 * Joins truthy class names. There is no conflict resolution (no tailwind-merge),
 * so a `className` passed to a component should add classes, not fight the
 * component's own utilities for the same property.
 */
export function cn(...classes: ClassValue[]): string {
  return classes.filter(Boolean).join(" ");
}
