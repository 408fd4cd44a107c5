// The version mergegate reports (tool.version, --version).
export const version = "0.1.0";
