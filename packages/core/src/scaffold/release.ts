// The one release reference `mergegate init` writes: the tag of this version, for the Action and the pre-commit hook.
import { version } from "../version.js";

/** Releases are tagged vX.Y.Z, the package's version; the Action and the hook are pinned to the same tag. */
export const releaseTag = `v${version}`;
