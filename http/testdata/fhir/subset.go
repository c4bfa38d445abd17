//go:build ignore

// Subset writes the part of the official FHIR R4 JSON schema that the
// export uses: the definitions reachable from Bundle, Patient, Observation
// and QuestionnaireResponse, with the list of every resource type
// (ResourceList, which Bundle.entry.resource and contained refer to)
// narrowed to the resource types the export writes, and without the
// descriptions. Everything else is the schema's own text. See README.md
// for where the full schema comes from and its licence.
//
//	go run subset.go -in fhir.schema.json -out fhir-r4-subset.schema.json
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"strings"
)

// exported are the resource types the export writes; Bundle is the root.
var exported = []string{"Patient", "Observation", "QuestionnaireResponse"}

func main() {
	in := flag.String("in", "fhir.schema.json", "the full FHIR R4 JSON schema")
	out := flag.String("out", "fhir-r4-subset.schema.json", "where to write the subset")
	flag.Parse()
	data, err := os.ReadFile(*in)
	if err != nil {
		log.Fatal(err)
	}
	var full struct {
		Schema      string                    `json:"$schema"`
		ID          string                    `json:"id"`
		Definitions map[string]map[string]any `json:"definitions"`
	}
	if err := json.Unmarshal(data, &full); err != nil {
		log.Fatalf("%s: %v", *in, err)
	}
	if full.ID != "http://hl7.org/fhir/json-schema/4.0" {
		log.Fatalf("%s: id %q, want the FHIR R4 schema http://hl7.org/fhir/json-schema/4.0", *in, full.ID)
	}
	defs := map[string]any{}
	list := []any{}
	for _, r := range exported {
		list = append(list, map[string]any{"$ref": "#/definitions/" + r})
	}
	defs["ResourceList"] = map[string]any{"oneOf": list}
	stack := append([]string{"Bundle"}, exported...)
	for len(stack) > 0 {
		name := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if _, done := defs[name]; done {
			continue
		}
		d, ok := full.Definitions[name]
		if !ok {
			log.Fatalf("%s: no definition %s", *in, name)
		}
		defs[name] = strip(d)
		stack = append(stack, refs(d)...)
	}
	subset := map[string]any{
		"$schema":     full.Schema,
		"id":          full.ID,
		"description": fmt.Sprintf("Subset of the FHIR R4 JSON schema (%s): the definitions reachable from Bundle, %s; ResourceList narrowed to these. Made by http/testdata/fhir/subset.go.", full.ID, strings.Join(exported, ", ")),
		"oneOf":       []any{map[string]any{"$ref": "#/definitions/Bundle"}},
		"definitions": defs,
	}
	b, err := json.MarshalIndent(subset, "", " ")
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, append(b, '\n'), 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s: %d definitions, %d bytes\n", *out, len(defs), len(b)+1)
}

// strip returns v without "description" keys.
func strip(v any) any {
	switch v := v.(type) {
	case map[string]any:
		m := map[string]any{}
		for k, x := range v {
			if k != "description" {
				m[k] = strip(x)
			}
		}
		return m
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = strip(x)
		}
		return out
	}
	return v
}

// refs lists the definitions v refers to with "$ref": "#/definitions/X".
func refs(v any) []string {
	var out []string
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if s, ok := x.(string); ok && k == "$ref" {
				out = append(out, strings.TrimPrefix(s, "#/definitions/"))
			} else {
				out = append(out, refs(x)...)
			}
		}
	case []any:
		for _, x := range v {
			out = append(out, refs(x)...)
		}
	}
	return out
}
