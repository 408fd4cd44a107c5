// What the review does outside its state: the waiver it writes for a finding, the editor command it starts.
import type { Finding, WaiveRequest } from "@mergegate/core";

/**
 * The narrowest waiver that covers the finding: its rule, its environment and its object — or its file (relative
 * to DIR) when it is not about one object.
 */
export function waiverFor(finding: Finding, reason: string, expires: string, file: string | null): WaiveRequest["waiver"] {
  const resource = finding.resource;
  return {
    rule: finding.rule,
    ...(finding.env === null ? {} : { env: finding.env }),
    ...(resource === null
      ? {}
      : {
          resource: {
            ...(resource.kind === null ? {} : { kind: resource.kind }),
            ...(resource.namespace === null ? {} : { namespace: resource.namespace }),
            ...(resource.name === null ? {} : { name: resource.name }),
          },
        }),
    ...(resource === null && file !== null ? { file } : {}),
    reason,
    expires,
  };
}

/** `$EDITOR +LINE FILE` (the vi, vim, nano and emacs convention); $EDITOR may carry its own arguments. */
export function editorCommand(editor: string | undefined, file: string, line: number): { command: string; args: string[] } {
  const words = (editor ?? "").trim().split(/\s+/).filter((word) => word !== "");
  const [command = "vi", ...args] = words;
  return { command, args: [...args, `+${line}`, file] };
}
