/** Types of the generated standalone validator (spec-validator.js, written by scripts/gen-schema.ts). */
import type { ValidateFunction } from "ajv";

/** The ajv validator of the spec schema, precompiled: same options as the loader (all errors, discriminator, strict). */
export declare const validate: ValidateFunction;
export default validate;
