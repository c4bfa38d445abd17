package web_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchwise/stretchwise/web"
)

func TestDir(t *testing.T) {
	built := t.TempDir()
	if err := os.WriteFile(filepath.Join(built, "index.html"), []byte("<!doctype html>"), 0o644); err != nil {
		t.Fatal(err)
	}
	fsys, err := web.Dir(built)
	if err != nil {
		t.Fatalf("Dir(built) = %v, want nil", err)
	}
	got, err := fs.ReadFile(fsys, "index.html")
	if err != nil || string(got) != "<!doctype html>" {
		t.Errorf("ReadFile(index.html) = %q, %v", got, err)
	}

	empty := t.TempDir()
	if _, err := web.Dir(empty); !errors.Is(err, web.ErrNotBuilt) {
		t.Errorf("Dir(empty) = %v, want ErrNotBuilt", err)
	}
	if _, err := web.Dir(filepath.Join(empty, "missing")); !errors.Is(err, web.ErrNotBuilt) {
		t.Errorf("Dir(missing) = %v, want ErrNotBuilt", err)
	}
}
