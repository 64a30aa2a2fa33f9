/** Small composable checks that report failures as Pulumi check failures with a property path. */
import { durationPattern } from "./duration";

export interface CheckFailure {
  property: string;
  reason: string;
}

/** The value Pulumi sends for inputs that are not known yet during preview. */
export const unknownValue = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function containsUnknown(value: unknown): boolean {
  if (value === unknownValue) return true;
  if (value && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}

/**
 * Collects failures. Checks name fields by the resource's property paths; `displayPath` renames those paths in the
 * failures (a declarative stack reports its config paths instead).
 */
export class FailureCollector {
  readonly failures: CheckFailure[] = [];

  constructor(private readonly displayPath: (path: string) => string = (path) => path) {}

  /** `property` is a resource path; `reason` is written with `shown(property)`. */
  fail(property: string, reason: string): void {
    this.failures.push({ property: this.shown(property), reason });
  }

  shown(path: string): string {
    return this.displayPath(path);
  }

  /** Returns the object when `value` is a plain object; reports and returns undefined otherwise. */
  object(path: string, value: unknown, required: boolean): Record<string, unknown> | undefined {
    if (value === undefined || value === null) {
      if (required) this.fail(path, `${this.shown(path)} is required`);
      return undefined;
    }
    if (value === unknownValue) return undefined;
    if (typeof value !== "object" || Array.isArray(value)) {
      this.fail(path, `${this.shown(path)} must be an object, got ${describe(value)}`);
      return undefined;
    }
    return value as Record<string, unknown>;
  }

  onlyKnownKeys(path: string, value: Record<string, unknown>, allowed: readonly string[]): void {
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) {
        const where = path ? `${path}.${key}` : key;
        this.fail(
          where,
          `${this.shown(where)} is not a known field (expected one of: ${allowed.join(", ")})`,
        );
      }
    }
  }

  string(
    path: string,
    value: unknown,
    required: boolean,
    rule?: { maxLength?: number; pattern?: RegExp; hint?: string },
  ): void {
    if (!this.present(path, value, required)) return;
    const shown = this.shown(path);
    if (typeof value !== "string")
      return this.fail(path, `${shown} must be a string, got ${describe(value)}`);
    if (value.trim() === "") return this.fail(path, `${shown} must not be empty`);
    if (rule?.maxLength !== undefined && value.length > rule.maxLength) {
      return this.fail(path, `${shown} must be at most ${rule.maxLength} characters, got ${value.length}`);
    }
    if (rule?.pattern && !rule.pattern.test(value))
      this.fail(path, `${shown} ${rule.hint ?? `must match ${rule.pattern}`}, got "${value}"`);
  }

  oneOf(path: string, value: unknown, required: boolean, allowed: readonly string[]): void {
    if (!this.present(path, value, required)) return;
    if (typeof value !== "string" || !allowed.includes(value)) {
      this.fail(path, `${this.shown(path)} must be one of ${allowed.join(", ")}, got ${describe(value)}`);
    }
  }

  boolean(path: string, value: unknown, required: boolean): void {
    if (!this.present(path, value, required)) return;
    if (typeof value !== "boolean")
      this.fail(path, `${this.shown(path)} must be true or false, got ${describe(value)}`);
  }

  number(path: string, value: unknown, rule: { integer?: boolean; min?: number; max?: number }): void {
    if (!this.present(path, value, false)) return;
    const shown = this.shown(path);
    if (typeof value !== "number" || !Number.isFinite(value)) {
      return this.fail(path, `${shown} must be a number, got ${describe(value)}`);
    }
    if (rule.integer && !Number.isInteger(value))
      return this.fail(path, `${shown} must be a whole number, got ${value}`);
    const outOfRange =
      (rule.min !== undefined && value < rule.min) || (rule.max !== undefined && value > rule.max);
    if (outOfRange) this.fail(path, `${shown} must be ${rangeText(rule.min, rule.max)}, got ${value}`);
  }

  /** Pulumi's customTimeouts (or the `timeouts` input copied from them): Go-style durations. */
  timeouts(path: string, value: unknown, keys: readonly string[] = ["create", "update"]): void {
    const timeouts = this.object(path, value, false);
    if (!timeouts) return;
    this.onlyKnownKeys(path, timeouts, keys);
    for (const key of keys) {
      this.string(`${path}.${key}`, timeouts[key], false, {
        pattern: durationPattern,
        hint: 'must be a duration such as "90m" or "2h30m"',
      });
    }
  }

  stringList(path: string, value: unknown): void {
    if (value === undefined || value === null || value === unknownValue) return;
    if (!Array.isArray(value)) return this.fail(path, `${this.shown(path)} must be a list of strings`);
    value.forEach((item, index) => this.string(`${path}[${index}]`, item, true));
  }

  private present(path: string, value: unknown, required: boolean): boolean {
    if (value === undefined || value === null) {
      if (required) this.fail(path, `${this.shown(path)} is required`);
      return false;
    }
    return value !== unknownValue;
  }
}

function rangeText(min?: number, max?: number): string {
  if (min !== undefined && max !== undefined) return `between ${min} and ${max}`;
  return min !== undefined ? `at least ${min}` : `at most ${max}`;
}

function describe(value: unknown): string {
  if (typeof value === "string") return `"${value}"`;
  if (Array.isArray(value)) return "a list";
  return value === null ? "null" : typeof value === "object" ? "an object" : String(value);
}
