package storetest

import (
	"context"
	"database/sql"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchwise/stretchwise"
)

// testAuditLog checks the audit log contract: entries come back with every
// field, oldest first, only for the patient they are about; and the store
// offers no way to change or delete one.
func testAuditLog(t *testing.T, s stretchwise.Store) {
	ctx := context.Background()
	patient := MustCreateUser(t, s, stretchwise.RolePatient)
	other := MustCreateUser(t, s, stretchwise.RolePatient)
	doctor := MustCreateUser(t, s, stretchwise.RoleClinician)
	want := []*stretchwise.AuditEntry{
		{PatientID: patient.ID, ActorID: doctor.ID, ActorEmail: doctor.Email, ActorRole: doctor.Role, Action: stretchwise.AuditViewPatient, Path: "/api/v1/patients/1"},
		{PatientID: patient.ID, ActorID: doctor.ID, ActorEmail: doctor.Email, ActorRole: doctor.Role, Action: stretchwise.AuditExportFHIR, Path: "/api/v1/patients/1/fhir"},
		{PatientID: patient.ID, ActorID: doctor.ID, ActorEmail: doctor.Email, ActorRole: doctor.Role, Action: stretchwise.AuditViewRecording, Path: "/api/v1/recordings/7"},
	}
	for _, e := range want {
		if err := s.CreateAuditEntry(ctx, e); err != nil {
			t.Fatalf("CreateAuditEntry: %v", err)
		}
		if e.ID == 0 || e.CreatedAt.IsZero() {
			t.Fatalf("CreateAuditEntry did not set ID and CreatedAt: %+v", e)
		}
	}
	got, err := s.ListAuditEntries(ctx, patient.ID)
	wantEqual(t, "ListAuditEntries", got, err, want)
	got, err = s.ListAuditEntries(ctx, other.ID)
	if err != nil || got == nil || len(got) != 0 {
		t.Errorf("ListAuditEntries of another patient = %v, %v; want an empty list", got, err)
	}
	// Append-only by construction: the only audit methods are create and list.
	st := reflect.TypeFor[stretchwise.Store]()
	for i := range st.NumMethod() {
		name := st.Method(i).Name
		if strings.Contains(name, "Audit") && name != "CreateAuditEntry" && name != "ListAuditEntries" {
			t.Errorf("Store has %s: the audit log must offer only CreateAuditEntry and ListAuditEntries", name)
		}
	}
}

// AuditUpdateRefused checks that the database itself refuses to change a
// stored audit entry; db is a raw connection to the database behind s.
func AuditUpdateRefused(t *testing.T, s stretchwise.Store, db *sql.DB) {
	t.Helper()
	ctx := context.Background()
	patient := MustCreateUser(t, s, stretchwise.RolePatient)
	e := &stretchwise.AuditEntry{PatientID: patient.ID, ActorID: 1, ActorEmail: "dr@example.test", ActorRole: stretchwise.RoleClinician, Action: stretchwise.AuditViewPatient, Path: "/api/v1/patients/1"}
	if err := s.CreateAuditEntry(ctx, e); err != nil {
		t.Fatalf("CreateAuditEntry: %v", err)
	}
	if _, err := db.ExecContext(ctx, `UPDATE audit_log SET actor_email = 'someone-else@example.test' WHERE id = $1`, e.ID); err == nil || !strings.Contains(err.Error(), "append-only") {
		t.Errorf("UPDATE of an audit entry: error %v, want the append-only refusal", err)
	}
	got, err := s.ListAuditEntries(ctx, patient.ID)
	if err != nil || len(got) != 1 || got[0].ActorEmail != e.ActorEmail {
		t.Errorf("after the refused UPDATE: %+v, %v; want the entry unchanged", got, err)
	}
}
