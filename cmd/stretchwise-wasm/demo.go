package main

import (
	"encoding/json"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/demo"
	"github.com/stretchwise/stretchwise/library"
)

// demoRequest is the argument of the engine's demo call.
type demoRequest struct {
	Exercise string           `json:"exercise"`
	Variant  string           `json:"variant"`
	View     stretchwise.View `json:"view"`
}

// demoCatalogText returns every demonstration the engine can draw
// (demo.Catalog) as JSON, or an error object.
func demoCatalogText() string {
	cat, err := demo.Catalog(library.Default())
	if err != nil {
		return marshalError(err)
	}
	return marshal(cat)
}

// demoText returns the animation asked for by a JSON demoRequest, or an
// error object {"error":{"code","message"}}.
func demoText(req string) string {
	var r demoRequest
	if err := json.Unmarshal([]byte(req), &r); err != nil {
		return marshalError(stretchwise.Errorf(stretchwise.EINVALID, "demo: the request is not JSON: %v", err))
	}
	a, err := demo.Animate(library.Default(), r.Exercise, r.Variant, r.View)
	if err != nil {
		return marshalError(err)
	}
	return marshal(a)
}
