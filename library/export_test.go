package library_test

import (
	"os"
	"testing"
)

func mustRead(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("exercises.json")
	if err != nil {
		t.Fatal(err)
	}
	return b
}
