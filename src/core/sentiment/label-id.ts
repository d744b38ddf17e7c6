/** The `_id` of an imported label: brand, import time and position, so one import never collides with another. */
export const labelRecordId = (brand: string, at: Date, index: number): string => `${brand}:${at.getTime().toString(36)}:${index}`;

/** The `_id` of a mention's correction (per aspect when given): a new correction of the same thing replaces it. */
export const correctionId = (mentionId: string, aspect?: string): string => `correction:${mentionId}${aspect ? `:${aspect}` : ''}`;
