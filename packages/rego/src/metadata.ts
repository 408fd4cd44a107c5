// Reads `# METADATA` comment blocks (YAML) and attaches them to the package or rule that follows.

import { parse as parseYAML } from "yaml";
import type { Annotations, Module } from "./ast.js";
import { ParseError } from "./errors.js";
import type { Comment } from "./lexer.js";

interface Block {
  annotations: Annotations;
  lastLine: number;
}

export function attachAnnotations(module: Module, comments: Comment[]): void {
  const blocks = metadataBlocks(comments, module.file);
  for (const block of blocks) {
    const rule = module.rules.find((candidate) => candidate.loc.line > block.lastLine);
    const beforePackage = module.packageLoc.line > block.lastLine;
    if (beforePackage) block.annotations.scope ??= "package";
    else if (rule) {
      block.annotations.scope ??= "rule";
      if (block.annotations.scope === "rule" || block.annotations.scope === "document") rule.annotations = block.annotations;
    }
    module.annotations.push(block.annotations);
  }
}

function metadataBlocks(comments: Comment[], file: string): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i < comments.length; i++) {
    const start = comments[i] as Comment;
    if (start.text.trim() !== "METADATA") continue;
    const lines: string[] = [];
    let line = start.line;
    while (i + 1 < comments.length && (comments[i + 1] as Comment).line === line + 1) {
      i++;
      const comment = comments[i] as Comment;
      lines.push(comment.text.startsWith(" ") ? comment.text.slice(1) : comment.text);
      line = comment.line;
    }
    let parsed: unknown;
    try {
      parsed = parseYAML(lines.join("\n"));
    } catch (error) {
      throw new ParseError(`invalid metadata block: ${(error as Error).message}`, { file, line: start.line, col: start.col });
    }
    const annotations = (parsed && typeof parsed === "object" ? parsed : {}) as Annotations;
    blocks.push({ annotations, lastLine: line });
  }
  return blocks;
}
