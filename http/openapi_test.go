package http

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"
)

// TestOpenAPIMatchesRoutes checks that the OpenAPI document describes
// exactly the registered routes: none missing, none extra.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(openAPI, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi version %q, want 3.x", doc.OpenAPI)
	}
	documented := map[string]bool{}
	for p, ops := range doc.Paths {
		for m := range ops {
			documented[strings.ToUpper(m)+" "+p] = true
		}
	}
	registered := map[string]bool{}
	for _, rt := range (&Server{}).routes() {
		registered[rt.method+" "+rt.pattern] = true
	}
	var missing, extra []string
	for k := range registered {
		if !documented[k] {
			missing = append(missing, k)
		}
	}
	for k := range documented {
		if !registered[k] {
			extra = append(extra, k)
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	if len(missing) > 0 {
		t.Errorf("routes missing from openapi.json: %v", missing)
	}
	if len(extra) > 0 {
		t.Errorf("openapi.json documents routes the server lacks: %v", extra)
	}
	if len(registered) < 25 {
		t.Errorf("only %d routes registered", len(registered))
	}
}

// TestOpenAPIErrorCodes: the error codes openapi.json lists are the codes
// the server answers with (the table codes), none missing, none extra.
func TestOpenAPIErrorCodes(t *testing.T) {
	var doc struct {
		Components struct {
			Schemas struct {
				Error struct {
					Properties struct {
						Error struct {
							Properties struct {
								Code struct {
									Enum []string `json:"enum"`
								} `json:"code"`
							} `json:"properties"`
						} `json:"error"`
					} `json:"properties"`
				} `json:"Error"`
			} `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(openAPI, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	documented := doc.Components.Schemas.Error.Properties.Error.Properties.Code.Enum
	var answered []string
	for code := range codes {
		answered = append(answered, code)
	}
	sort.Strings(documented)
	sort.Strings(answered)
	if strings.Join(documented, " ") != strings.Join(answered, " ") {
		t.Errorf("openapi.json lists the error codes\n%v\nthe server answers with\n%v", documented, answered)
	}
}
