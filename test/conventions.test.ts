// Conventions users bring from kube-linter and conftest: `rules` lists every rule, `--output` takes a file (not a
// format), `policy verify` with nothing to verify is an error, `rules:` keys take globs, conftest's `--data`,
// exit codes and the config file in `--help`, plurals that agree, the markdown findings table by severity.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { mergegate } from "./support/cli.js";
import { writeRepo, type TempRepo } from "./support/temp-repo.js";
import { projectRoot } from "./support/tools.js";

interface Listed {
  id: string;
  check: string;
  severity: string;
  description: string;
  help: string;
}

const configMap = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: shop\ndata: { registry: docker.io }\n`;

let repo: TempRepo | null = null;
afterEach(() => {
  repo?.remove();
  repo = null;
});

describe("mergegate rules", () => {
  it("lists every rule of the README's table and of the built-in library, with check, severity, what it finds and help", () => {
    const run = mergegate(["rules", "--format", "json"]);
    expect(run.code).toBe(0);
    const listed = JSON.parse(run.stdout) as Listed[];
    for (const rule of listed) {
      expect(Object.keys(rule)).toEqual(["id", "check", "severity", "description", "help"]);
      expect(rule.id.startsWith(`${rule.check}/`)).toBe(true);
      expect(rule.description).not.toBe("");
    }
    const ids = new Set(listed.map((rule) => rule.id));
    const readme = readFileSync(path.join(projectRoot, "README.md"), "utf8");
    const table = [...readme.matchAll(/^\| `([a-z0-9-]+\/[a-z0-9-]+)` \|/gm)].map((match) => match[1]);
    expect(table.length).toBeGreaterThan(20);
    expect(table.filter((id) => !ids.has(id ?? ""))).toEqual([]);
    const library = readdirSync(path.join(projectRoot, "policies"))
      .filter((file) => file.endsWith(".rego") && !file.endsWith("_test.rego"))
      .map((file) => /^#\s+id:\s*(\S+)/m.exec(readFileSync(path.join(projectRoot, "policies", file), "utf8"))?.[1])
      .filter((id) => id !== undefined);
    expect(library.length).toBeGreaterThan(20);
    expect(library.filter((id) => !ids.has(`policy/${id}`))).toEqual([]);
    expect(mergegate(["rules"]).stdout).toMatch(/^policy\/run-as-non-root\s+error\s+A container may run as root/m);
  });

  it("adds the repo's own conftest rules and Gatekeeper constraints with DIR", () => {
    repo = writeRepo({
      "mergegate.yaml": "version: 1\npolicies: { paths: [policy] }\n",
      "policy/registry.rego": "package main\n\nimport rego.v1\n\n# METADATA\n# title: Images come from the company registry\ndeny_registry contains msg if { false; msg := \"\" }\n\nwarn contains msg if { false; msg := \"\" }\n",
      "gatekeeper/template.yaml": "apiVersion: templates.gatekeeper.sh/v1\nkind: ConstraintTemplate\nmetadata:\n  name: k8srequiredlabels\n  annotations: { description: Requires labels }\nspec:\n  crd: { spec: { names: { kind: K8sRequiredLabels } } }\n  targets:\n    - target: admission.k8s.gatekeeper.sh\n      rego: |\n        package k8srequiredlabels\n        violation[{\"msg\": \"x\"}] { false }\n",
      "gatekeeper/owner.yaml": "apiVersion: constraints.gatekeeper.sh/v1beta1\nkind: K8sRequiredLabels\nmetadata: { name: must-have-owner }\nspec: { enforcementAction: warn }\n",
    });
    const listed = JSON.parse(mergegate(["rules", repo.root, "--format", "json"]).stdout) as Listed[];
    const own = listed.filter((rule) => rule.id.startsWith("policy/main/") || rule.id.startsWith("policy/gatekeeper/"));
    expect(own.map((rule) => [rule.id, rule.severity, rule.description])).toEqual([
      ["policy/gatekeeper/K8sRequiredLabels/must-have-owner", "warning", "Requires labels"],
      ["policy/main/deny_registry", "error", "Images come from the company registry"],
      ["policy/main/warn", "warning", "conftest warn rule warn in package main (policy/registry.rego:9)"],
    ]);
  });
});

describe("check conventions", () => {
  it("refuses --output with a bare format name, with a hint, and writes nothing", () => {
    repo = writeRepo({ "apps/cm.yaml": configMap("settings") });
    const run = mergegate(["check", "--output", "json", repo.root], { cwd: repo.root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("did you mean --format json?");
    expect(existsSync(path.join(repo.root, "json"))).toBe(false);
  });

  it("exits 2 for policy verify with no suite to verify", () => {
    repo = writeRepo({ "README.md": "no suites here\n" });
    const run = mergegate(["policy", "verify", repo.root]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("nothing to verify");
  });

  it("takes globs in rules: keys, the exact id winning", () => {
    repo = writeRepo({
      "mergegate.yaml": "version: 1\nrules:\n  k8s/*: { severity: off }\n  k8s/duplicate-resource: { severity: warning }\n  schema/**: { severity: off }\n",
      "apps/cm.yaml": configMap("Bad_Name") + "---\n" + configMap("twice") + "---\n" + configMap("twice"),
    });
    const report = JSON.parse(mergegate(["check", repo.root, "--format", "json"]).stdout) as { findings: { rule: string; severity: string }[] };
    expect(report.findings.map((finding) => [finding.rule, finding.severity])).toEqual([["k8s/duplicate-resource", "warning"]]);
  });

  it("passes --data files and folders to conftest policies as data", () => {
    repo = writeRepo({
      "apps/cm.yaml": configMap("settings"),
      "policy/registry.rego": 'package main\n\nimport rego.v1\n\ndeny contains msg if {\n  some blocked in data.blocked.registries\n  input.data.registry == blocked\n  msg := sprintf("registry %s is blocked", [blocked])\n}\n',
      "data/blocked.yaml": "blocked:\n  registries: [docker.io]\n",
    });
    const args = ["check", repo.root, "--policy", path.join(repo.root, "policy"), "--format", "json", "--offline"];
    const denied = (run: ReturnType<typeof mergegate>) => (JSON.parse(run.stdout) as { findings: { rule: string; message: string }[] }).findings.filter((finding) => finding.rule === "policy/main/deny").map((finding) => finding.message);
    expect(denied(mergegate(args))).toEqual([]);
    expect(denied(mergegate([...args, "--data", path.join(repo.root, "data/blocked.yaml")]))).toEqual(["registry docker.io is blocked"]);
    expect(denied(mergegate([...args, "--data", path.join(repo.root, "data")]))).toEqual(["registry docker.io is blocked"]);
    const missing = mergegate([...args, "--data", path.join(repo.root, "nope.yaml")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("data file or folder not found");
  });

  it("shows exit codes and the config file in --help, and says 1 error, not 1 errors", () => {
    for (const args of [["--help"], ["check", "--help"]]) {
      const help = mergegate(args).stdout;
      expect(help).toContain("Exit codes:");
      expect(help).toMatch(/2\s+gate error/);
      expect(help).toContain("mergegate.yaml");
    }
    repo = writeRepo({ "apps/cm.yaml": configMap("Bad_Name") });
    const text = mergegate(["check", repo.root, "--offline"]).stdout;
    expect(text).toMatch(/✖ fail: 1 error, 0 warnings/);
    expect(mergegate(["check", repo.root, "--offline", "--format", "markdown"]).stdout).toContain("**1 error · 0 warnings");
  });

  it("sorts the markdown findings table by severity: an error in a later file comes before a warning in an earlier one", () => {
    const allowed = configMap("Legacy_Name").replace("metadata:\n", "metadata:\n  # mergegate:allow k8s/invalid-name\n");
    repo = writeRepo({ "apps/a.yaml": allowed, "apps/b.yaml": configMap("Bad_Name") });
    const json = JSON.parse(mergegate(["check", repo.root, "--offline", "--format", "json"]).stdout) as { findings: { severity: string; suppression: object | null; location: { file: string } | null }[] };
    const active = json.findings.filter((finding) => finding.severity !== "info" && finding.suppression === null);
    expect(active.map((finding) => `${finding.severity} ${finding.location?.file ?? ""}`)).toEqual(["warning apps/a.yaml", "error apps/b.yaml"]);
    const markdown = mergegate(["check", repo.root, "--offline", "--format", "markdown"]).stdout;
    const findingsTable = markdown.slice(markdown.indexOf("### Findings"), markdown.indexOf("<details>"));
    const rows = findingsTable.split("\n").filter((line) => /^\| (🔴|🟡|🔵) /.test(line));
    expect(rows.map((row) => row.split(" | ")[0])).toEqual([...rows.filter((row) => row.startsWith("| 🔴")), ...rows.filter((row) => row.startsWith("| 🟡")), ...rows.filter((row) => row.startsWith("| 🔵"))].map((row) => row.split(" | ")[0]));
    expect(rows[0]).toMatch(/^\| 🔴 error \| `k8s\/invalid-name` \| `apps\/b\.yaml:/);
    expect(rows.some((row) => row.startsWith("| 🟡 warning | `suppression/missing-reason`"))).toBe(true);
  });
});
