// data.mergegate for one environment: its name, its objects, the diff, rule parameters and the indexes built-in rules look up.
import { apiLifecycles } from "../../schemas/api-lifecycles.js";
import { isAtLeast } from "../../schemas/kubernetes-version.js";
import type { Config } from "../../config/config.js";
import type { RenderDiff } from "../../diff/render-diff.js";
import type { EnvironmentRender, KubeObject } from "../../types.js";
import type { LibraryRule } from "./library.js";
import { ruleSettings } from "../../config/rule-settings.js";

type Labels = Record<string, string>;

const podTemplateKinds = new Set(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "Rollout"]);

export function mergegateData(envRender: EnvironmentRender, config: Config, diff: RenderDiff | null, library: readonly LibraryRule[], kubernetesVersion: string | null): Record<string, unknown> {
  const objects = envRender.resources.map((resource) => resource.object);
  const name = envRender.env.name;
  return {
    environment: name,
    production: envRender.env.production,
    resources: objects,
    changed: changesOf(diff, name),
    parameters: Object.fromEntries(library.map((rule) => [rule.meta.id.slice("policy/".length), { ...rule.parameters, ...(ruleSettings(config, rule.meta.id)?.parameters ?? {}) }])),
    index: indexOf(objects),
    deprecated: kubernetesVersion === null ? [] : apiLifecycles.filter((entry) => entry.deprecatedIn !== null && isAtLeast(kubernetesVersion, entry.deprecatedIn) && (entry.removedIn === null || !isAtLeast(kubernetesVersion, entry.removedIn))),
  };
}

function changesOf(diff: RenderDiff | null, env: string): unknown[] | null {
  const changes = diff?.environments.find((entry) => entry.env === env);
  if (changes === undefined) return null;
  return [
    ...changes.added.map((ref) => ({ ...ref, change: "added" })),
    ...changes.changed.map((entry) => ({ ...entry.ref, change: "changed" })),
    ...changes.removed.map((ref) => ({ ...ref, change: "removed" })),
  ];
}

const text = (value: unknown): string => (typeof value === "string" ? value : "");
const record = (value: unknown): Record<string, unknown> => (typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

function podLabelsOf(object: KubeObject): Labels | null {
  const kind = text(object["kind"]);
  const spec = record(object["spec"]);
  if (podTemplateKinds.has(kind)) return record(record(record(spec["template"])["metadata"])["labels"]) as Labels;
  if (kind === "CronJob") return record(record(record(record(record(spec["jobTemplate"])["spec"])["template"])["metadata"])["labels"]) as Labels;
  if (kind === "Pod") return record(record(object["metadata"])["labels"]) as Labels;
  return null;
}

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/**
 * Pods that Argo Rollouts starts besides the template's: an Experiment's templates, and a Rollout's canary
 * experiment steps, whose templates may override the labels (a preview stack behind its own Service).
 */
function experimentPodLabels(object: KubeObject, templateLabels: Labels | null): Labels[] {
  const kind = text(object["kind"]);
  const spec = record(object["spec"]);
  if (kind === "Experiment") return list(spec["templates"]).map((template) => record(record(record(record(template)["template"])["metadata"])["labels"]) as Labels);
  if (kind !== "Rollout") return [];
  const steps = list(record(record(spec["strategy"])["canary"])["steps"]);
  return steps.flatMap((step) =>
    list(record(record(step)["experiment"])["templates"]).map((template) => ({ ...templateLabels, ...(record(record(record(template)["metadata"])["labels"]) as Labels) })),
  );
}

/** Lookups that would cost a scan of every object per document if the rules computed them; keyed, so a rule looks up, not scans. */
function indexOf(objects: readonly KubeObject[]) {
  const podLabels: Record<string, Labels[]> = {};
  const pdbSelectors: Record<string, Labels[]> = {};
  const firstWorkload: Record<string, string> = {};
  const scaleTargets: Record<string, boolean> = {};
  const networkPolicyNamespaces = new Set<string>();
  /** "namespace/Kind/name" of workloads whose replicas a Rollout (workloadRef) or a Flagger Canary owns. */
  const controlledWorkloads: Record<string, boolean> = {};
  /** "namespace/Kind/name" of workloads an HPA keeps at 2 replicas or more. */
  const hpaTargets: Record<string, boolean> = {};
  for (const object of objects) {
    const kind = text(object["kind"]);
    const metadata = record(object["metadata"]);
    const namespace = text(metadata["namespace"]);
    const name = text(metadata["name"]);
    const spec = record(object["spec"]);
    const labels = podLabelsOf(object);
    for (const extra of experimentPodLabels(object, labels)) (podLabels[namespace] ??= []).push(extra);
    if (labels !== null) {
      (podLabels[namespace] ??= []).push(labels);
      const key = `${kind}/${name}`;
      if (firstWorkload[namespace] === undefined || key < (firstWorkload[namespace] ?? "")) firstWorkload[namespace] = key;
      scaleTargets[`${namespace}/${kind}/${name}`] = true;
    }
    if (kind === "PodDisruptionBudget") (pdbSelectors[namespace] ??= []).push(record(record(spec["selector"])["matchLabels"]) as Labels);
    if (kind === "NetworkPolicy") networkPolicyNamespaces.add(namespace);
    if (kind === "HorizontalPodAutoscaler" && Number(spec["minReplicas"] ?? 1) >= 2) {
      const target = record(spec["scaleTargetRef"]);
      hpaTargets[`${namespace}/${text(target["kind"])}/${text(target["name"])}`] = true;
    }
    const reference = kind === "Rollout" ? record(spec["workloadRef"]) : kind === "Canary" ? record(spec["targetRef"]) : {};
    if (typeof reference["name"] === "string") controlledWorkloads[`${namespace}/${text(reference["kind"]) || "Deployment"}/${reference["name"]}`] = true;
  }
  const podLabelSubsets = labelSubsetsOf(podLabels);
  const pdbSelectorKeys = selectorKeysOf(pdbSelectors);
  return { podLabels, podLabelSubsets, pdbSelectors, pdbSelectorKeys, firstWorkload, scaleTargets, networkPolicyNamespaces: [...networkPolicyNamespaces], controlledWorkloads, hpaTargets };
}

/** Labels with more than this many entries are not expanded into subsets: their namespace is scanned instead. */
const maxIndexedLabels = 8;
const labelText = /^[A-Za-z0-9._/-]*$/;

/**
 * Per namespace, every subset of every pod's labels as a key (`k=v` pairs sorted, joined by commas), so that "does a
 * selector match some pod" is one lookup (service-selector-matches). A namespace with a label that is not a plain
 * label string, or a pod with too many labels, is left out: the rule scans its pods instead.
 */
function labelSubsetsOf(podLabels: Record<string, Labels[]>): Record<string, Record<string, boolean>> {
  const subsets: Record<string, Record<string, boolean>> = {};
  for (const [namespace, labelSets] of Object.entries(podLabels)) {
    if (!labelSets.every((labels) => isPlain(labels, maxIndexedLabels))) continue;
    const keys: Record<string, boolean> = {};
    for (const labels of labelSets) {
      const texts = pairTexts(labels);
      for (let mask = 1; mask < 1 << texts.length; mask++) keys[texts.filter((_, index) => (mask & (1 << index)) !== 0).join(",")] = true;
    }
    subsets[namespace] = keys;
  }
  return subsets;
}

/**
 * Per namespace, each PodDisruptionBudget's non-empty matchLabels as a key (as above), so that production-pdb looks
 * up the subsets of one workload's pod labels instead of scanning every budget. A namespace with a selector that is
 * not plain label strings is left out (scanned).
 */
function selectorKeysOf(selectors: Record<string, Labels[]>): Record<string, Record<string, boolean>> {
  const keys: Record<string, Record<string, boolean>> = {};
  for (const [namespace, list] of Object.entries(selectors)) {
    if (!list.every((selector) => isPlain(selector, Number.POSITIVE_INFINITY))) continue;
    keys[namespace] = Object.fromEntries(list.filter((selector) => Object.keys(selector).length > 0).map((selector) => [pairTexts(selector).join(","), true]));
  }
  return keys;
}

function isPlain(labels: Labels, most: number): boolean {
  const pairs = Object.entries(labels);
  return pairs.length <= most && pairs.every(([key, value]) => labelText.test(key) && typeof value === "string" && labelText.test(value));
}

/** `key=value` for each label, sorted: the form both the index and the rules build keys from. */
function pairTexts(labels: Labels): string[] {
  return Object.entries(labels).map(([key, value]) => `${key}=${String(value)}`).sort();
}
