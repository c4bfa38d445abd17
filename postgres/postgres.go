// Package postgres stores in PostgreSQL through pgx, for clinics that run
// several server processes on one database. It shares its SQL with the
// sqlite adapter (package sqlstore) and has its own schema migrations with
// the same semantics in PostgreSQL's types.
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver

	"github.com/stretchwise/stretchwise/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// migrationLock is the advisory lock key that serializes migrations when
// several servers start at once on one database (any constant works; this
// one is "stretchws" in ASCII, truncated to 63 bits).
const migrationLock = 0x73747265746368

// Open connects to the database at url (postgres://...), migrates it and
// returns the store. Reads and writes share one pool.
func Open(ctx context.Context, url string) (*sqlstore.DB, error) {
	db, err := sql.Open("pgx", url)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	db.SetMaxOpenConns(16)
	db.SetMaxIdleConns(16)
	if err := migrate(ctx, db); err != nil {
		db.Close()
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	return &sqlstore.DB{Reader: db, Writer: db, Dialect: Dialect}, nil
}

func migrate(ctx context.Context, db *sql.DB) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, int64(migrationLock)); err != nil {
		return fmt.Errorf("lock migrations: %w", err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, int64(migrationLock))
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return err
	}
	return sqlstore.Migrate(ctx, db, sub)
}

// Dialect is PostgreSQL's sqlstore.Dialect.
var Dialect = sqlstore.Dialect{Name: "postgres", IsUniqueViolation: isUniqueViolation, IsFull: IsFull}

// IsFull reports PostgreSQL's disk_full (SQLSTATE 53100): the server could
// not extend a file.
func IsFull(err error) bool {
	var e *pgconn.PgError
	return errors.As(err, &e) && e.Code == "53100"
}

func isUniqueViolation(err error) bool {
	var e *pgconn.PgError
	return errors.As(err, &e) && e.Code == "23505" // unique_violation
}
