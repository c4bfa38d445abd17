package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/klauspost/compress/zstd"

	"github.com/stretchwise/stretchwise/blob"
)

// The encodings of rows written before encodingBlob, read only to rewrite
// them: recordings were zstd (fastest level), then the blob layout without
// its version byte ("huff0"); issue-report attachments were zstd, or "none"
// for an empty attachment stored as it was.
const (
	legacyZstd  = "zstd"
	legacyHuff0 = "huff0"
	legacyNone  = "none"
)

// legacyTables are the columns that hold encoded bytes.
var legacyTables = []struct{ table, key, encoding, data string }{
	{"recording_data", "recording_id", "encoding", "data"},
	{"issue_report_data", "report_id", "recording_encoding", "recording"},
}

// migrateBatch is how many rows one transaction rewrites. Our choice: a few
// hundred megabytes of recordings at most in memory at once.
const migrateBatch = 64

// migrateEncodings rewrites every row of an older encoding into
// encodingBlob, so that the database holds one encoding. Each row is
// decoded, encoded again and updated only if it still holds the encoding
// read, so that two servers opening one database at once do no harm; a row
// that does not decode is an error that names it, and nothing is changed
// for it.
func migrateEncodings(ctx context.Context, db *sql.DB) error {
	var dec *zstd.Decoder
	defer func() {
		if dec != nil {
			dec.Close()
		}
	}()
	decode := func(enc string, data []byte) ([]byte, error) {
		switch enc {
		case legacyNone:
			return data, nil
		case legacyHuff0:
			return blob.DecodeUnversioned(data, maxDecodedRecording)
		case legacyZstd:
			if dec == nil {
				var err error
				if dec, err = zstd.NewReader(nil, zstd.WithDecoderMaxMemory(maxDecodedRecording)); err != nil {
					return nil, err
				}
			}
			return dec.DecodeAll(data, nil)
		}
		return nil, fmt.Errorf("unknown encoding %q", enc)
	}
	for _, t := range legacyTables {
		for {
			n, err := migrateBatchOf(ctx, db, t.table, t.key, t.encoding, t.data, decode)
			if err != nil {
				return fmt.Errorf("rewrite %s in the %s encoding: %w", t.table, encodingBlob, err)
			}
			if n < migrateBatch {
				break
			}
		}
	}
	return nil
}

// migrateBatchOf rewrites up to migrateBatch rows of one table and returns
// how many it found.
func migrateBatchOf(ctx context.Context, db *sql.DB, table, key, encCol, dataCol string, decode func(string, []byte) ([]byte, error)) (int, error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, fmt.Sprintf(`SELECT %s, %s, %s FROM %s WHERE %s <> $1 ORDER BY %s LIMIT %d`,
		key, encCol, dataCol, table, encCol, key, migrateBatch), encodingBlob)
	if err != nil {
		return 0, err
	}
	type row struct {
		id   int64
		enc  string
		data []byte
	}
	var todo []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.enc, &r.data); err != nil {
			rows.Close()
			return 0, err
		}
		todo = append(todo, r)
	}
	if err := rows.Close(); err != nil {
		return 0, err
	}
	for _, r := range todo {
		raw, err := decode(r.enc, r.data)
		if err != nil {
			return 0, fmt.Errorf("%s %d (%s): %w", key, r.id, r.enc, err)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf(`UPDATE %s SET %s = $1, %s = $2 WHERE %s = $3 AND %s = $4`,
			table, encCol, dataCol, key, encCol), encodingBlob, blob.Encode(nil, raw), r.id, r.enc); err != nil {
			return 0, fmt.Errorf("%s %d: %w", key, r.id, err)
		}
	}
	return len(todo), tx.Commit()
}
