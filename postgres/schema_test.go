package postgres_test

import (
	"testing"

	"github.com/stretchwise/stretchwise/storetest"
)

// inSchema recreates the schema name in the database at base and returns a
// URL whose connections use it, so test packages running at the same time
// on one database do not see each other's tables.
func inSchema(t *testing.T, base, name string) string {
	return storetest.PostgresSchemaAt(t, base, name)
}
