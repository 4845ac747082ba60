/** Passing optional fields on under `exactOptionalPropertyTypes`, where `{ a: undefined }` is not `{}`. */

/** o without its undefined entries. */
export const compact = <T extends object>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> }
