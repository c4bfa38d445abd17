package http

import (
	_ "embed"
	"net/http"
)

// openAPI is the OpenAPI 3 description of every route in routes(); a test
// checks that the two list the same operations.
//
//go:embed openapi.json
var openAPI []byte

func (s *Server) handleOpenAPI(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-cache")
	w.Write(openAPI)
	return nil
}
