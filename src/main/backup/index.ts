// The Carnet backup (.carnet): writing it (export) and reading it back (import, CLI).
export { openBackup, readBackup, BackupError, type Backup, type BackupAttachment, type BackupErrorCode, type OpenBackup } from './read';
export { writeBackup } from './write';
export { BACKUP_FORMAT, BACKUP_VERSION, BACKUP_LIMITS, type Manifest } from './format';
