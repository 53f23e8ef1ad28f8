/** The privacy job results as the users resolvers hold them (codegen mappers). */
import type { DataExportDocument, ErasureReport } from '../../../platform/privacy/contract.js';

export interface DataExportResultView {
  jobId: string;
  /** Null once the stored document expired. */
  document: DataExportDocument | null;
  generatedAt: Date;
  expiresAt: Date;
}

export interface AccountDeletionResultView {
  jobId: string;
  deletedAt: Date;
  erased: Record<string, ErasureReport>;
}
