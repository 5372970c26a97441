export { generateAuditReport } from "./generate-audit-report.js";
export type {
  GovernanceAuditReport,
  AuditNarrativeEvent,
  GenerateAuditReportInput,
} from "./audit-report.types.js";
