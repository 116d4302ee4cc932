/** PEP 503 normalised name: lower case, runs of `-`, `_` and `.` become one `-`. */
export function normalizePypiName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[-_.]+/g, '-');
}

export const PYPI_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
