// One release reference and one project name everywhere: the package's version is the tag `mergegate init` writes
// and the tag the README and docs show for the Action and the hook; package.json's links all name the project's
// own repository, and the docs name the owner as init does (`<owner>`), never another project's.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { preCommitConfigText } from "../packages/core/src/scaffold/pre-commit-config.js";
import { workflowText } from "../packages/core/src/scaffold/workflow.js";
import { ownerPlaceholder } from "../packages/core/src/scaffold/init.js";
import { version } from "../packages/core/src/version.js";
import { projectRoot } from "./support/tools.js";

const read = (file: string): string => readFileSync(path.join(projectRoot, file), "utf8");
const manifest = JSON.parse(read("package.json")) as { version: string; homepage: string; bugs: { url: string }; repository: { url: string } };
const documents = ["README.md", ...readdirSync(path.join(projectRoot, "docs")).filter((file) => file.endsWith(".md")).map((file) => `docs/${file}`)];

/** Every reference to mergegate's Action or hook in a text: the owner and the tag. */
function references(text: string): { owner: string; tag: string }[] {
  const action = [...text.matchAll(/uses: ([^\s/`]+)\/mergegate\/packages\/action@([^\s`]+)/g)].map((match) => ({ owner: match[1]!, tag: match[2]! }));
  const hook = [...text.matchAll(/repo: https:\/\/github\.com\/([^\s/]+)\/mergegate\n\s+rev: (\S+)/g)].map((match) => ({ owner: match[1]!, tag: match[2]! }));
  return [...action, ...hook];
}

describe("release references", () => {
  it("the package, the CLI and every workspace package have one version", () => {
    expect(manifest.version).toBe(version);
    for (const workspace of ["rego", "core", "cli", "action"]) expect((JSON.parse(read(`packages/${workspace}/package.json`)) as { version: string }).version, workspace).toBe(version);
  });

  it("init's workflow and hook pin the tag of this version, and the README and docs show that tag (or vX.Y.Z)", () => {
    const generated = references(workflowText(ownerPlaceholder, "") + preCommitConfigText(ownerPlaceholder, ""));
    expect(generated).toEqual([
      { owner: ownerPlaceholder, tag: `v${version}` },
      { owner: ownerPlaceholder, tag: `v${version}` },
    ]);
    const shown = documents.flatMap((file) => references(read(file)).map((reference) => ({ file, ...reference })));
    expect(shown.length).toBeGreaterThanOrEqual(4);
    for (const reference of shown) {
      expect([`v${version}`, "vX.Y.Z"], `${reference.file}: @${reference.tag}`).toContain(reference.tag);
      expect(reference.owner, reference.file).toBe(ownerPlaceholder);
    }
  });

  it("package.json's repository, homepage and bugs name the project's own repository, as the README says", () => {
    const home = "https://github.com/mergegate/mergegate";
    expect(manifest.repository.url).toBe(`git+${home}.git`);
    expect(manifest.homepage).toBe(`${home}#readme`);
    expect(manifest.bugs.url).toBe(`${home}/issues`);
    expect(read("README.md")).toContain(`\`mergegate/mergegate\` (\`${home}\`) is this project's own`);
  });
});
