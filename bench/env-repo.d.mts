// Types of env-repo.mjs.
export function envNames(count: number): string[];
export function usesComponent(position: number): boolean;
export function regionOf(position: number, count: number): "eu" | "us" | null;
export function envRepoFiles(options?: { envs?: number; apps?: number }): Record<string, string>;
export function writeEnvRepo(out: string, options?: { envs?: number; apps?: number }): Record<string, string>;
