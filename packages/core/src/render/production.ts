// The one production predicate: `production:` in mergegate.yaml, else the name — `prod`, `production` or `prd`,
// optionally with a `-suffix` (`prod-eu`), read from the last path segment of a detected name (`apps/overlays/prod`).
const productionName = /^(prod|production|prd)(-[a-z0-9][a-z0-9-]*)?$/i;

export function isProductionName(name: string): boolean {
  const last = name.split("/").pop() ?? name;
  return productionName.test(last);
}

export function isProduction(name: string, configured: boolean | undefined): boolean {
  return configured ?? isProductionName(name);
}
