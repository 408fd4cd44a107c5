// Temporary git repositories for tests: write files, commit, branch — with a fixed identity and no user config.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { writeRepo, type TempRepo } from "./temp-repo.js";

export interface GitRepo extends TempRepo {
  git(...args: string[]): string;
  write(files: Record<string, string>): void;
  commit(message: string): string;
}

/** The environment of git in tests: a fixed identity, no user or system config. */
export const gitEnv = {
  ...process.env,
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_AUTHOR_NAME: "Test",
  GIT_AUTHOR_EMAIL: "test@example.com",
  GIT_COMMITTER_NAME: "Test",
  GIT_COMMITTER_EMAIL: "test@example.com",
};

export function gitRepo(files: Record<string, string>): GitRepo {
  const repo = writeRepo(files);
  const git = (...args: string[]): string => execFileSync("git", args, { cwd: repo.root, env: gitEnv, encoding: "utf8" });
  git("init", "-q", "-b", "main");
  return {
    ...repo,
    git,
    write(more) {
      for (const [file, text] of Object.entries(more)) {
        mkdirSync(path.dirname(path.join(repo.root, file)), { recursive: true });
        writeFileSync(path.join(repo.root, file), text);
      }
    },
    commit(message) {
      git("add", "-A");
      git("commit", "-q", "-m", message);
      return git("rev-parse", "HEAD").trim();
    },
  };
}
