/**
 * Files for people: the folder every file shares says nothing, so it is left out
 * (`examples/growth/onboarding.req.yaml` → `growth/onboarding.req.yaml`). Works on paths with either
 * separator and on URIs alike, as the language server may name files either way.
 */
export function displayPaths(files: readonly string[]): Map<string, string> {
  const split = files.map((f) => f.split(/[\\/]/));
  let shared = split.length ? Infinity : 0;
  for (const parts of split) shared = Math.min(shared, parts.length - 1);
  for (let i = 0; i < shared; i++) {
    const segment = split[0][i];
    if (split.some((parts) => parts[i] !== segment)) {
      shared = i;
      break;
    }
  }
  return new Map(files.map((f, i) => [f, split[i].slice(shared).join('/')]));
}
