// The findings list as rows of a tree: environment → resource → finding, or rule → finding; filtered and collapsible.
import type { Finding, ResourceKey, Severity } from "@mergegate/core";

export type Grouping = "environment" | "rule";
/** The lowest severity shown. */
export type SeverityFilter = "info" | "warning" | "error";

export interface GroupCounts {
  error: number;
  warning: number;
  info: number;
  suppressed: number;
}

export interface GroupRow {
  kind: "group";
  key: string;
  parent: string | null;
  depth: number;
  label: string;
  counts: GroupCounts;
  collapsed: boolean;
}

export interface FindingRow {
  kind: "finding";
  key: string;
  parent: string;
  depth: number;
  finding: Finding;
  /** What the row says besides severity and rule (the parents already say the rest). */
  label: string;
}

export type Row = GroupRow | FindingRow;

export interface View {
  grouping: Grouping;
  severity: SeverityFilter;
  filter: string;
  collapsed: ReadonlySet<string>;
}

const rank: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export function resourceLabel(resource: ResourceKey): string {
  const where = resource.namespace === null ? "" : `${resource.namespace}/`;
  return `${resource.kind ?? "?"} ${where}${resource.name ?? "(no name)"}`;
}

export function whereLabel(finding: Finding): string {
  return finding.location === null ? "(no location)" : `${finding.location.file}:${finding.location.line}`;
}

function matches(finding: Finding, view: View): boolean {
  if (rank[finding.severity] < rank[view.severity]) return false;
  const needle = view.filter.trim().toLowerCase();
  if (needle === "") return true;
  const haystack = [finding.rule, finding.message, finding.env ?? "", whereLabel(finding), finding.resource === null ? "" : resourceLabel(finding.resource)];
  return haystack.some((text) => text.toLowerCase().includes(needle));
}

/** A stable key: the same finding keeps its key across re-runs, regroupings and a waiver. */
function findingKeys(findings: readonly Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const base = `f:${finding.env ?? ""}:${finding.rule}:${finding.fingerprint}:${whereLabel(finding)}`;
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    return count === 0 ? base : `${base}#${count}`;
  });
}

interface Path {
  segments: { key: string; label: string }[];
  label: string;
}

function pathOf(finding: Finding, grouping: Grouping): Path {
  if (grouping === "rule") {
    const resource = finding.resource === null ? whereLabel(finding) : resourceLabel(finding.resource);
    return { segments: [{ key: `u:${finding.rule}`, label: finding.rule }], label: `${finding.env ?? "files"} · ${resource} · ${finding.message}` };
  }
  const env = { key: `e:${finding.env ?? ""}`, label: finding.env ?? "files (every environment)" };
  const resource = finding.resource === null ? (finding.location?.file ?? "(no location)") : resourceLabel(finding.resource);
  return { segments: [env, { key: `${env.key}\u0000r:${resource}`, label: resource }], label: finding.message };
}

/** The visible rows, in the findings' order (core sorts them by environment, file, line). */
export function buildRows(findings: readonly Finding[], view: View): Row[] {
  const keys = findingKeys(findings);
  const groups = new Map<string, GroupRow>();
  const children = new Map<string | null, string[]>();
  const findingRows = new Map<string, FindingRow>();
  findings.forEach((finding, index) => {
    if (!matches(finding, view)) return;
    const path = pathOf(finding, view.grouping);
    let parent: string | null = null;
    path.segments.forEach((segment, depth) => {
      let group = groups.get(segment.key);
      if (group === undefined) {
        group = { kind: "group", key: segment.key, parent, depth, label: segment.label, counts: { error: 0, warning: 0, info: 0, suppressed: 0 }, collapsed: view.collapsed.has(segment.key) };
        groups.set(segment.key, group);
        children.set(parent, [...(children.get(parent) ?? []), segment.key]);
      }
      if (finding.suppression === null) group.counts[finding.severity]++;
      else group.counts.suppressed++;
      parent = segment.key;
    });
    const key = keys[index] ?? "";
    findingRows.set(key, { kind: "finding", key, parent: parent ?? "", depth: path.segments.length, finding, label: path.label });
    children.set(parent, [...(children.get(parent) ?? []), key]);
  });
  const rows: Row[] = [];
  const visit = (parent: string | null): void => {
    for (const key of children.get(parent) ?? []) {
      const group = groups.get(key);
      if (group === undefined) {
        const row = findingRows.get(key);
        if (row !== undefined) rows.push(row);
        continue;
      }
      rows.push(group);
      if (!group.collapsed) visit(key);
    }
  };
  visit(null);
  return rows;
}
