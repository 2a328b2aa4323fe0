import { isTemplateKind, type TemplateKind } from "../../scoring/templates/definitions";
import { templateProblems, type TemplateOptions } from "../../scoring/templates/options";
import { HostError } from "./host-error";

/** The kind, once the options are known to be fine; else a HostError listing what is wrong, in Chinese. */
export function checkedTemplate(kind: string, options: TemplateOptions): TemplateKind {
  if (!isTemplateKind(kind)) throw new HostError(`未知的表样“${kind}”。`, "InvalidArgument");
  const problems = templateProblems(kind, options);
  if (problems.length > 0) throw new HostError(problems.join(""), "InvalidArgument");
  return kind;
}
