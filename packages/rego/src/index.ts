// @mergegate/rego: the Rego language for mergegate — knows nothing of Kubernetes or GitOps.
export const regoPackage = "@mergegate/rego";
