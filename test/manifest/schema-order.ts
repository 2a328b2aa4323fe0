/**
 * Child element order as the add-in manifest schemas require it (the xs:sequence of each
 * complex type, extensions appended after their base), for the elements our manifest uses.
 * Sources: the TaskPaneApp and VersionOverrides V1_0 schemas (OfficeDev office-js-docs
 * "How to find the proper order of manifest elements"; [MS-OWEMXML] complex type Host).
 * Keyed by parent local name and, where the type differs, by its xsi:type.
 */
export const CHILD_ORDER: Record<string, string[]> = {
  "OfficeApp/TaskPaneApp": [
    "Id",
    "AlternateId",
    "Version",
    "ProviderName",
    "DefaultLocale",
    "DisplayName",
    "Description",
    "IconUrl",
    "HighResolutionIconUrl",
    "SupportUrl",
    "AppDomains",
    "Hosts",
    "Requirements",
    "DefaultSettings",
    "Permissions",
    "Dictionary",
    "VersionOverrides",
    "ExtendedOverrides",
  ],
  Requirements: ["Sets", "Methods"],
  "VersionOverrides/VersionOverridesV1_0": ["Description", "Requirements", "Hosts", "Resources", "VersionOverrides", "WebApplicationInfo", "EquivalentAddins"],
  "Host/Workbook": ["Runtimes", "AllFormFactors", "DesktopFormFactor"],
  "ExtensionPoint/CustomFunctions": ["Script", "Page", "Metadata", "Namespace"],
  DesktopFormFactor: ["GetStarted", "FunctionFile", "ExtensionPoint"],
  GetStarted: ["Title", "Description", "LearnMoreUrl"],
  "ExtensionPoint/PrimaryCommandSurface": ["OfficeTab", "CustomTab", "OfficeMenu"],
  Group: ["Label", "Icon", "Control"],
  "Control/Button": ["Label", "Supertip", "Icon", "Action"],
  Supertip: ["Title", "Description"],
  "Action/ShowTaskpane": ["TaskpaneId", "SourceLocation", "Title"],
  Resources: ["Images", "Urls", "ShortStrings", "LongStrings"],
};

/** Children the schema requires (minOccurs ≥ 1) under the same keys. */
export const REQUIRED_CHILDREN: Record<string, string[]> = {
  "OfficeApp/TaskPaneApp": ["Id", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "DefaultSettings", "Permissions"],
  "ExtensionPoint/CustomFunctions": ["Script", "Page", "Metadata", "Namespace"],
  "Control/Button": ["Label", "Supertip", "Icon", "Action"],
  Supertip: ["Title", "Description"],
  "Action/ShowTaskpane": ["SourceLocation"],
  Group: ["Label", "Control"],
};
