import { z } from 'zod';

/** A row of the configuration table in the README. */
export interface ConfigVariableDescription {
  name: string;
  /** The default as it would be written in the environment (`''` for empty), or null when there is none. */
  default: string | null;
  /** Whether the service refuses to start without it. */
  required: boolean;
  description: string;
}

/** One row per variable of an object schema, in the schema's order. */
export function describeConfig(schema: z.ZodObject): ConfigVariableDescription[] {
  return Object.entries(schema.shape).map(([name, field]) => {
    const facts = inspectField(field as z.ZodType);
    return {
      name,
      default: facts.hasDefault ? envForm(facts.defaultValue) : null,
      required: !facts.hasDefault && !facts.optional,
      description: facts.description ?? '',
    };
  });
}

/** The description of a variable, wherever in its wrappers `.describe()` was called. */
export function describeVariable(schema: z.ZodType, name: string): string | undefined {
  if (!(schema instanceof z.ZodObject)) return undefined;
  const field = (schema.shape as Record<string, z.ZodType | undefined>)[name];
  return field ? inspectField(field).description : undefined;
}

interface FieldFacts {
  description: string | undefined;
  hasDefault: boolean;
  defaultValue: unknown;
  optional: boolean;
}

/**
 * Looks through `.default()`, `.optional()` and pipes: zod 4 keeps a description on the instance
 * `.describe()` returned, so it may sit on any layer depending on the order the calls were made.
 */
function inspectField(field: z.ZodType): FieldFacts {
  const facts: FieldFacts = { description: undefined, hasDefault: false, defaultValue: undefined, optional: false };
  let current: z.ZodType | undefined = field;
  while (current) {
    facts.description ??= current.description;
    if (current instanceof z.ZodDefault || current instanceof z.ZodPrefault) {
      if (!facts.hasDefault) {
        facts.hasDefault = true;
        facts.defaultValue = current.def.defaultValue;
      }
      current = current.def.innerType as z.ZodType;
    } else if (current instanceof z.ZodOptional || current instanceof z.ZodNullable) {
      facts.optional = facts.optional || current instanceof z.ZodOptional;
      current = current.def.innerType as z.ZodType;
    } else if (current instanceof z.ZodPipe) {
      current = current.def.in as z.ZodType;
    } else {
      current = undefined;
    }
  }
  return facts;
}

function envForm(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
