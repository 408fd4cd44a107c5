// Container images of a workload and how two image references compare: repository, then digest, else tag.
import type { Resource } from "../../types.js";
import { list, record, text } from "./render-index.js";

export interface ImageReference {
  text: string;
  repository: string;
  tag: string | null;
  digest: string | null;
}

export interface ContainerImage {
  resource: Resource;
  container: string;
  /** JSON pointer of the image field. */
  pointer: string;
  image: ImageReference;
}

export type ImageComparison = "same" | "different" | "unverifiable";

/** `registry/repo:tag@sha256:…`; Docker Hub's implicit `docker.io/` and `library/` are dropped. */
export function parseImage(value: string): ImageReference {
  const [named = value, digest = null] = value.split("@");
  const lastSlash = named.lastIndexOf("/");
  const colon = named.lastIndexOf(":");
  const hasTag = colon > lastSlash;
  const repository = (hasTag ? named.slice(0, colon) : named).replace(/^(index\.)?docker\.io\//, "").replace(/^library\//, "");
  const tag = hasTag ? named.slice(colon + 1) : digest === null ? "latest" : null;
  return { text: value, repository, tag, digest };
}

/** Digests decide when both sides have one, else tags; a tag-only and a digest-only reference cannot be compared. */
export function compareImages(left: ImageReference, right: ImageReference): ImageComparison {
  if (left.repository !== right.repository) return "different";
  if (left.digest !== null && right.digest !== null) return left.digest === right.digest ? "same" : "different";
  if (left.tag !== null && right.tag !== null) return left.tag === right.tag ? "same" : "different";
  return "unverifiable";
}

function podSpecPointer(resource: Resource): string | null {
  switch (resource.key.kind) {
    case "Pod":
      return "/spec";
    case "CronJob":
      return "/spec/jobTemplate/spec/template/spec";
    default:
      return record(resource.object["spec"])["template"] === undefined ? null : "/spec/template/spec";
  }
}

/** The images of a workload's containers and init containers. */
export function containerImages(resource: Resource): ContainerImage[] {
  const pointer = podSpecPointer(resource);
  if (pointer === null) return [];
  let podSpec: unknown = resource.object;
  for (const segment of pointer.split("/").slice(1)) podSpec = record(podSpec)[segment];
  const images: ContainerImage[] = [];
  for (const field of ["initContainers", "containers"]) {
    list(record(podSpec)[field]).forEach((container, index) => {
      const image = text(record(container)["image"]);
      if (image === null) return;
      images.push({ resource, container: text(record(container)["name"]) ?? String(index), pointer: `${pointer}/${field}/${index}/image`, image: parseImage(image) });
    });
  }
  return images;
}

/** Compares version tags like 1.9.0 and v2.10; null when either is not a version. */
export function compareVersions(left: string, right: string): number | null {
  const parse = (tag: string): number[] | null => {
    const match = /^v?(\d+(?:\.\d+){0,3})(?:[-+].*)?$/.exec(tag);
    return match?.[1] === undefined ? null : match[1].split(".").map(Number);
  };
  const a = parse(left);
  const b = parse(right);
  if (a === null || b === null) return null;
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}
