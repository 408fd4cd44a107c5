// Path globs as Argo CD and Flux write them (`*` within a segment, `**` across segments), as anchored RegExps.
export function globPattern(glob: string): RegExp {
  const body = glob
    .split("/")
    .map((segment) => (segment === "**" ? ".*" : segment.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join("[^/]*")))
    .join("/");
  return new RegExp(`^${body.replace(/\/\.\*$/, "(/.*)?").replace(/^\.\*\//, "(.*/)?")}$`);
}
