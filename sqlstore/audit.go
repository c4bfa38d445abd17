package sqlstore

import (
	"context"
	"fmt"
	"time"

	"github.com/stretchwise/stretchwise"
)

var _ stretchwise.AuditService = (*DB)(nil)

// CreateAuditEntry implements stretchwise.AuditService.
func (db *DB) CreateAuditEntry(ctx context.Context, e *stretchwise.AuditEntry) error {
	now := time.Now().UTC().Truncate(time.Microsecond)
	err := db.Writer.QueryRowContext(ctx,
		`INSERT INTO audit_log (patient_id, actor_id, actor_email, actor_role, action, path, created_at)
		 VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		e.PatientID, e.ActorID, e.ActorEmail, string(e.ActorRole), e.Action, e.Path, micros(now)).Scan(&e.ID)
	if err != nil {
		return fmt.Errorf("create audit entry: %w", err)
	}
	e.CreatedAt = now
	return nil
}

// ListAuditEntries implements stretchwise.AuditService.
func (db *DB) ListAuditEntries(ctx context.Context, patientID int64) ([]*stretchwise.AuditEntry, error) {
	return queryList(ctx, db, "list audit entries", scanAuditEntry,
		`SELECT id, patient_id, actor_id, actor_email, actor_role, action, path, created_at
		 FROM audit_log WHERE patient_id = $1 ORDER BY created_at, id`, patientID)
}

func scanAuditEntry(row scanner) (*stretchwise.AuditEntry, error) {
	var e stretchwise.AuditEntry
	var role string
	var created int64
	if err := row.Scan(&e.ID, &e.PatientID, &e.ActorID, &e.ActorEmail, &role, &e.Action, &e.Path, &created); err != nil {
		return nil, err
	}
	e.ActorRole, e.CreatedAt = stretchwise.Role(role), fromMicros(created)
	return &e, nil
}
